import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Security Hub disabled or its standards turned off */
export default definePackDetection({
  folder: 'garrison-aws-securityhub-disabled',
  yaml: `
id: garrison-aws-securityhub-disabled
title: 'Security Hub disabled or its standards turned off'
description: >-
  Security Hub was disabled, its standards turned off, or the account left its Security Hub
  administrator: findings from GuardDuty, Config and the CIS checks stop being aggregated.
severity: medium
mitre:
  - 'T1562.001'
stratus: []
guardduty: []
cis: []
falsePositives:
  - 'Planned changes of the Security Hub administrator account'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: securityhub.amazonaws.com
    eventName:
      - DisableSecurityHub
      - BatchDisableStandards
      - DisassociateFromAdministratorAccount
      - DisassociateFromMasterAccount
  condition: selection
`,
  positive,
  negative,
});
