import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** Console password changed for another IAM user */
export default definePackDetection({
  folder: 'garrison-aws-iam-login-profile-updated-for-other-user',
  yaml: `
id: garrison-aws-iam-login-profile-updated-for-other-user
title: 'Console password changed for another IAM user'
description: >-
  UpdateLoginProfile set a new console password for a user other than the caller: the attacker
  takes over that user’s console access (privilege escalation).
severity: high
mitre:
  - 'T1098'
  - 'T1078.004'
stratus:
  - 'aws.privilege-escalation.iam-update-user-login-profile'
guardduty: []
cis: []
falsePositives:
  - 'Help-desk password resets by administrators'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'UpdateLoginProfile'
`,
  predicate,
  positive,
  negative,
});
