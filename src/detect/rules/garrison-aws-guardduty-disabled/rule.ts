import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** GuardDuty detector deleted, suspended or its findings suppressed */
export default definePackDetection({
  folder: 'garrison-aws-guardduty-disabled',
  yaml: `
id: garrison-aws-guardduty-disabled
title: 'GuardDuty detector deleted, suspended or its findings suppressed'
description: >-
  GuardDuty was switched off (DeleteDetector, UpdateDetector with enable false), the account left
  its GuardDuty administrator, or a filter now auto-archives findings: threat detection for the
  account is blinded.
severity: high
mitre:
  - 'T1562.001'
stratus: []
guardduty: []
cis: []
falsePositives:
  - 'Planned consolidation of GuardDuty under a delegated administrator'
  - 'Suppression rules for known benign findings (review the filter criteria)'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  gone:
    eventSource: guardduty.amazonaws.com
    eventName:
      - DeleteDetector
      - DisassociateFromAdministratorAccount
      - DisassociateFromMasterAccount
  suspended:
    eventSource: guardduty.amazonaws.com
    eventName: UpdateDetector
    requestParameters.enable: false
  suppressed:
    eventSource: guardduty.amazonaws.com
    eventName:
      - CreateFilter
      - UpdateFilter
    requestParameters.action: ARCHIVE
  condition: 1 of them
`,
  positive,
  negative,
});
