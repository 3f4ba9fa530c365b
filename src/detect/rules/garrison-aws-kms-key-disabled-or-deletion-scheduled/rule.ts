import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** KMS customer managed key disabled or scheduled for deletion */
export default definePackDetection({
  folder: 'garrison-aws-kms-key-disabled-or-deletion-scheduled',
  yaml: `
id: garrison-aws-kms-key-disabled-or-deletion-scheduled
title: 'KMS customer managed key disabled or scheduled for deletion'
description: >-
  A customer managed KMS key was disabled or scheduled for deletion: data encrypted under it
  becomes unreadable (an impact and ransom technique). Same semantics as the CIS metric filter.
severity: high
mitre:
  - 'T1485'
  - 'T1486'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.7'
falsePositives:
  - 'Planned key retirement'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource|cased: kms.amazonaws.com
    eventName|cased:
      - DisableKey
      - ScheduleKeyDeletion
  condition: selection
`,
  positive,
  negative,
});
