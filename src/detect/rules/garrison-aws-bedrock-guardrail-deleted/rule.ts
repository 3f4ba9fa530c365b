import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Bedrock guardrail deleted */
export default definePackDetection({
  folder: 'garrison-aws-bedrock-guardrail-deleted',
  yaml: `
id: garrison-aws-bedrock-guardrail-deleted
title: 'Bedrock guardrail deleted'
description: >-
  A Bedrock guardrail was deleted: the content filters that constrain model use in this account
  are gone, typical of LLMjacking before abusing models.
severity: medium
mitre:
  - 'T1562'
stratus:
  - 'aws.defense-evasion.bedrock-guardrail-delete'
guardduty: []
cis: []
falsePositives:
  - 'Guardrail lifecycle managed by an ML platform team'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: bedrock.amazonaws.com
    eventName: DeleteGuardrail
  condition: selection
`,
  positive,
  negative,
});
