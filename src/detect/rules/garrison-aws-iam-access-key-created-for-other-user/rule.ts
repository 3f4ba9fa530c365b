import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** Access key created for another IAM user */
export default definePackDetection({
  folder: 'garrison-aws-iam-access-key-created-for-other-user',
  yaml: `
id: garrison-aws-iam-access-key-created-for-other-user
title: 'Access key created for another IAM user'
description: >-
  CreateAccessKey issued a long-term key for a user other than the caller: a classic backdoor (and
  privilege escalation when the target user has more rights).
severity: medium
mitre:
  - 'T1098.001'
stratus:
  - 'aws.persistence.iam-backdoor-user'
guardduty: []
cis: []
falsePositives:
  - 'Administrators or provisioning automation issuing keys for service users'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'CreateAccessKey'
`,
  predicate,
  positive,
  negative,
});
