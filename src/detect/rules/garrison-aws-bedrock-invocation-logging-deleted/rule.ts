import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Bedrock model invocation logging disabled */
export default definePackDetection({
  folder: 'garrison-aws-bedrock-invocation-logging-deleted',
  yaml: `
id: garrison-aws-bedrock-invocation-logging-deleted
title: 'Bedrock model invocation logging disabled'
description: >-
  DeleteModelInvocationLoggingConfiguration turned off the logging of Bedrock prompts and
  responses: model abuse after this point leaves no content trace.
severity: medium
mitre:
  - 'T1562.008'
stratus:
  - 'aws.defense-evasion.bedrock-model-invocation-logging-delete'
guardduty:
  - 'DefenseEvasion:IAMUser/BedrockLoggingDisabled'
cis: []
falsePositives:
  - 'Planned logging reconfiguration'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: bedrock.amazonaws.com
    eventName: DeleteModelInvocationLoggingConfiguration
  condition: selection
`,
  positive,
  negative,
});
