import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Security group created, deleted or its rules changed */
export default definePackDetection({
  folder: 'garrison-aws-security-group-changed',
  yaml: `
id: garrison-aws-security-group-changed
title: 'Security group created, deleted or its rules changed'
description: >-
  A security group was created or deleted, or an ingress or egress rule added or revoked. Same
  eventNames as the CIS metric filter; see the internet-exposure rule for the dangerous subset.
severity: low
mitre:
  - 'T1562.007'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.10'
falsePositives:
  - 'Routine network changes and deployments'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased:
      - AuthorizeSecurityGroupIngress
      - AuthorizeSecurityGroupEgress
      - RevokeSecurityGroupIngress
      - RevokeSecurityGroupEgress
      - CreateSecurityGroup
      - DeleteSecurityGroup
  condition: selection
`,
  positive,
  negative,
});
