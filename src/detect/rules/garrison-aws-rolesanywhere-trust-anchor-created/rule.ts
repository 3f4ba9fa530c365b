import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** IAM Roles Anywhere trust anchor created */
export default definePackDetection({
  folder: 'garrison-aws-rolesanywhere-trust-anchor-created',
  yaml: `
id: garrison-aws-rolesanywhere-trust-anchor-created
title: 'IAM Roles Anywhere trust anchor created'
description: >-
  CreateTrustAnchor registered a certificate authority that Roles Anywhere trusts: whoever holds a
  certificate from it can obtain role credentials from outside AWS.
severity: high
mitre:
  - 'T1098'
stratus:
  - 'aws.persistence.rolesanywhere-create-trust-anchor'
guardduty: []
cis: []
falsePositives:
  - 'Onboarding on-premises workloads to Roles Anywhere'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: rolesanywhere.amazonaws.com
    eventName: CreateTrustAnchor
  condition: selection
`,
  positive,
  negative,
});
