import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Bedrock model invoked with a long-term access key */
export default definePackDetection({
  folder: 'garrison-aws-bedrock-model-invoked-by-access-key',
  yaml: `
id: garrison-aws-bedrock-model-invoked-by-access-key
title: 'Bedrock model invoked with a long-term access key'
description: >-
  A Bedrock model was invoked (or probed) with an IAM user’s long-term access key. Applications
  normally use roles; LLMjacking uses stolen keys to run prompts at the victim’s expense, often in
  many regions.
severity: medium
mitre:
  - 'T1496'
  - 'T1526'
stratus:
  - 'aws.impact.bedrock-invoke-model'
  - 'aws.discovery.bedrock-enumerate-models-multiple-regions'
guardduty: []
cis: []
falsePositives:
  - 'Developers experimenting with Bedrock from their laptop with access keys'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: bedrock.amazonaws.com
    eventName:
      - InvokeModel
      - InvokeModelWithResponseStream
      - Converse
      - ConverseStream
    userIdentity.accessKeyId|startswith: AKIA
  condition: selection
`,
  positive,
  negative,
});
