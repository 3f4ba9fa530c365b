import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** CloudTrail trail deleted */
export default definePackDetection({
  folder: 'garrison-aws-cloudtrail-deleted',
  yaml: `
id: garrison-aws-cloudtrail-deleted
title: 'CloudTrail trail deleted'
description: >-
  DeleteTrail removed a trail and with it the recording of the account’s activity to its bucket
  and log group.
severity: high
mitre:
  - 'T1562.008'
stratus:
  - 'aws.defense-evasion.cloudtrail-delete'
guardduty:
  - 'Stealth:IAMUser/CloudTrailLoggingDisabled'
cis: []
falsePositives:
  - 'Decommissioning a duplicate trail'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: cloudtrail.amazonaws.com
    eventName: DeleteTrail
  condition: selection
`,
  positive,
  negative,
});
