import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** Role trust policy allows another account or everyone */
export default definePackDetection({
  folder: 'garrison-aws-iam-role-trusts-external-account',
  yaml: `
id: garrison-aws-iam-role-trusts-external-account
title: 'Role trust policy allows another account or everyone'
description: >-
  CreateRole or UpdateAssumeRolePolicy wrote a trust policy that lets a principal from another AWS
  account (or any principal) assume the role: a backdoor that survives the rotation of every key
  in the account.
severity: high
mitre:
  - 'T1098'
  - 'T1098.003'
stratus:
  - 'aws.persistence.iam-backdoor-role'
  - 'aws.persistence.iam-create-backdoor-role'
guardduty: []
cis: []
falsePositives:
  - 'Cross-account roles for vendors, CI systems or the organization’s security account (allow-list them)'
playbook: iam-role
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'CreateRole'
  - 'UpdateAssumeRolePolicy'
`,
  predicate,
  positive,
  negative,
});
