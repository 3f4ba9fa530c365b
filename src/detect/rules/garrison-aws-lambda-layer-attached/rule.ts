import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Lambda layers changed on a function */
export default definePackDetection({
  folder: 'garrison-aws-lambda-layer-attached',
  yaml: `
id: garrison-aws-lambda-layer-attached
title: 'Lambda layers changed on a function'
description: >-
  UpdateFunctionConfiguration set the layers of a function: a layer (or a layer extension) runs
  inside every invocation and can read its credentials and events.
severity: medium
mitre:
  - 'T1525'
  - 'T1546'
stratus:
  - 'aws.persistence.lambda-layer-extension'
guardduty: []
cis: []
falsePositives:
  - 'Deployments that update layer versions'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: lambda.amazonaws.com
    eventName|startswith: UpdateFunctionConfiguration
    requestParameters.layers|exists: true
  condition: selection
`,
  positive,
  negative,
});
