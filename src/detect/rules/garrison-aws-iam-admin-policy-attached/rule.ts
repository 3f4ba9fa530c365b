import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** AdministratorAccess attached to a user, group or role */
export default definePackDetection({
  folder: 'garrison-aws-iam-admin-policy-attached',
  yaml: `
id: garrison-aws-iam-admin-policy-attached
title: 'AdministratorAccess attached to a user, group or role'
description: >-
  The AWS managed AdministratorAccess policy was attached to an IAM user, group or role: full
  control of the account, the end state of most privilege escalations and of backdoor admin users.
severity: high
mitre:
  - 'T1098.003'
  - 'T1078.004'
stratus:
  - 'aws.persistence.iam-create-admin-user'
guardduty: []
cis: []
falsePositives:
  - 'Provisioning of a new administrator through the approved process'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: iam.amazonaws.com
    eventName:
      - AttachUserPolicy
      - AttachGroupPolicy
      - AttachRolePolicy
    requestParameters.policyArn|endswith: ':policy/AdministratorAccess'
  condition: selection
`,
  positive,
  negative,
});
