import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** IAM user signed in to the console without MFA */
export default definePackDetection({
  folder: 'garrison-aws-console-login-without-mfa',
  yaml: `
id: garrison-aws-console-login-without-mfa
title: 'IAM user signed in to the console without MFA'
description: >-
  An IAM user signed in to the AWS Management Console successfully without multi-factor
  authentication. With a stolen password that is all an attacker needs. Same semantics as the CIS
  metric filter (IAMUser, success, MFAUsed not Yes).
severity: medium
mitre:
  - 'T1078.004'
stratus:
  - 'aws.initial-access.console-login-without-mfa'
guardduty: []
cis:
  - 'CloudWatch.3'
falsePositives:
  - 'Users not yet enrolled in MFA'
  - 'Break-glass users used during an outage'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased: ConsoleLogin
    userIdentity.type|cased: IAMUser
    responseElements.ConsoleLogin|cased: Success
  filter_mfa:
    additionalEventData.MFAUsed|cased: 'Yes'
  condition: selection and not filter_mfa
`,
  positive,
  negative,
});
