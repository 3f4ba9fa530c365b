import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Account password policy changed or deleted */
export default definePackDetection({
  folder: 'garrison-aws-password-policy-weakened',
  yaml: `
id: garrison-aws-password-policy-weakened
title: 'Account password policy changed or deleted'
description: >-
  UpdateAccountPasswordPolicy or DeleteAccountPasswordPolicy changed the rules for IAM user
  passwords: weakening them eases brute force and keeps compromised passwords valid.
severity: low
mitre:
  - 'T1556'
  - 'T1201'
stratus: []
guardduty:
  - 'Stealth:IAMUser/PasswordPolicyChange'
cis: []
falsePositives:
  - 'Security team adjusting the policy'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: iam.amazonaws.com
    eventName:
      - UpdateAccountPasswordPolicy
      - DeleteAccountPasswordPolicy
  condition: selection
`,
  positive,
  negative,
});
