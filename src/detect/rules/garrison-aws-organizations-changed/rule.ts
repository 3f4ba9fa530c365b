import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** AWS Organizations structure, policy or membership changed */
export default definePackDetection({
  folder: 'garrison-aws-organizations-changed',
  yaml: `
id: garrison-aws-organizations-changed
title: 'AWS Organizations structure, policy or membership changed'
description: >-
  An Organizations change: accounts created, invited, moved, removed or leaving, OUs and service
  control policies created, attached, detached or changed. Same semantics as the CIS 4.15 metric
  filter.
severity: medium
mitre:
  - 'T1484.002'
  - 'T1666'
stratus: []
guardduty: []
cis:
  - 'CIS 4.15 (Organizations changes)'
falsePositives:
  - 'Planned organization changes by the cloud platform team'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource|cased: organizations.amazonaws.com
    eventName|cased:
      - AcceptHandshake
      - AttachPolicy
      - CancelHandshake
      - CreateAccount
      - CreateOrganization
      - CreateOrganizationalUnit
      - CreatePolicy
      - DeclineHandshake
      - DeleteOrganization
      - DeleteOrganizationalUnit
      - DeletePolicy
      - EnableAllFeatures
      - EnablePolicyType
      - InviteAccountToOrganization
      - LeaveOrganization
      - DetachPolicy
      - DisablePolicyType
      - MoveAccount
      - RemoveAccountFromOrganization
      - UpdateOrganizationalUnit
      - UpdatePolicy
  condition: selection
`,
  positive,
  negative,
});
