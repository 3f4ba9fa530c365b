import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** IAM policy created, changed, attached or detached */
export default definePackDetection({
  folder: 'garrison-aws-iam-policy-changed',
  yaml: `
id: garrison-aws-iam-policy-changed
title: 'IAM policy created, changed, attached or detached'
description: >-
  An IAM policy or policy attachment changed: the way an attacker grants themselves or a backdoor
  identity more rights. Same eventNames as the CIS metric filter.
severity: low
mitre:
  - 'T1098'
  - 'T1484'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.4'
falsePositives:
  - 'Infrastructure-as-code deployments'
  - 'Administrators managing access'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased:
      - DeleteGroupPolicy
      - DeleteRolePolicy
      - DeleteUserPolicy
      - PutGroupPolicy
      - PutRolePolicy
      - PutUserPolicy
      - CreatePolicy
      - DeletePolicy
      - CreatePolicyVersion
      - DeletePolicyVersion
      - AttachRolePolicy
      - DetachRolePolicy
      - AttachUserPolicy
      - DetachUserPolicy
      - AttachGroupPolicy
      - DetachGroupPolicy
  condition: selection
`,
  positive,
  negative,
});
