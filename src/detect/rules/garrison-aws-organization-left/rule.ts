import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Account tried to leave its AWS Organization */
export default definePackDetection({
  folder: 'garrison-aws-organization-left',
  yaml: `
id: garrison-aws-organization-left
title: 'Account tried to leave its AWS Organization'
description: >-
  LeaveOrganization was called: an account outside the organization escapes its service control
  policies, organization trail and delegated security services. Attempts that fail are reported
  too.
severity: high
mitre:
  - 'T1666'
  - 'T1562'
stratus:
  - 'aws.defense-evasion.organizations-leave'
guardduty: []
cis: []
falsePositives:
  - 'A planned account transfer between organizations'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: organizations.amazonaws.com
    eventName: LeaveOrganization
  condition: selection
`,
  positive,
  negative,
});
