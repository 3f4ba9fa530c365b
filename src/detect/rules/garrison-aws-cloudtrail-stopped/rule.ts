import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** CloudTrail logging stopped */
export default definePackDetection({
  folder: 'garrison-aws-cloudtrail-stopped',
  yaml: `
id: garrison-aws-cloudtrail-stopped
title: 'CloudTrail logging stopped'
description: >-
  StopLogging was called on a trail: from that moment the account’s API activity is no longer
  recorded by it. The first thing many intruders do.
severity: high
mitre:
  - 'T1562.008'
stratus:
  - 'aws.defense-evasion.cloudtrail-stop'
guardduty:
  - 'Stealth:IAMUser/CloudTrailLoggingDisabled'
cis: []
falsePositives:
  - 'A planned trail migration (rare; confirm with the logging owner)'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: cloudtrail.amazonaws.com
    eventName: StopLogging
  condition: selection
`,
  positive,
  negative,
});
