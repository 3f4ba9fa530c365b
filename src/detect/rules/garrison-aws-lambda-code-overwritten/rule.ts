import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Lambda function code replaced */
export default definePackDetection({
  folder: 'garrison-aws-lambda-code-overwritten',
  yaml: `
id: garrison-aws-lambda-code-overwritten
title: 'Lambda function code replaced'
description: >-
  UpdateFunctionCode replaced a function’s code: the new code runs with the function’s role on
  every invocation.
severity: low
mitre:
  - 'T1525'
stratus:
  - 'aws.persistence.lambda-overwrite-code'
guardduty: []
cis: []
falsePositives:
  - 'CI/CD deployments (expect them from the pipeline role only)'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: lambda.amazonaws.com
    eventName|startswith: UpdateFunctionCode
  condition: selection
`,
  positive,
  negative,
});
