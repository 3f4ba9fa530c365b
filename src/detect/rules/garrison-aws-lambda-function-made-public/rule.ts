import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Lambda function invocable by anyone */
export default definePackDetection({
  folder: 'garrison-aws-lambda-function-made-public',
  yaml: `
id: garrison-aws-lambda-function-made-public
title: 'Lambda function invocable by anyone'
description: >-
  AddPermission gave principal "*" the right to invoke (or manage) a Lambda function: a backdoor
  anyone can trigger from outside the account.
severity: high
mitre:
  - 'T1098'
  - 'T1546'
stratus:
  - 'aws.persistence.lambda-backdoor-function'
guardduty: []
cis: []
falsePositives:
  - 'Public webhooks fronted by a function (prefer a function URL with auth or API Gateway)'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: lambda.amazonaws.com
    eventName|startswith: AddPermission
    requestParameters.principal: '\\*'
  condition: selection
`,
  positive,
  negative,
});
