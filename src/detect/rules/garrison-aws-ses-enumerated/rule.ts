import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** SES sending capability enumerated */
export default definePackDetection({
  folder: 'garrison-aws-ses-enumerated',
  yaml: `
id: garrison-aws-ses-enumerated
title: 'SES sending capability enumerated'
description: >-
  Calls that check whether the account can send e-mail through SES and from which identities:
  attackers do this with stolen keys before using SES for phishing or spam.
severity: low
mitre:
  - 'T1526'
stratus:
  - 'aws.discovery.ses-enumerate'
guardduty: []
cis: []
falsePositives:
  - 'Mail tooling checking its quota'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ses.amazonaws.com
    eventName:
      - GetAccountSendingEnabled
      - GetSendQuota
      - ListIdentities
      - GetIdentityVerificationAttributes
      - GetAccount
  condition: selection
`,
  positive,
  negative,
});
