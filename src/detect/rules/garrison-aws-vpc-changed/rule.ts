import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** VPC created, deleted, peered or modified */
export default definePackDetection({
  folder: 'garrison-aws-vpc-changed',
  yaml: `
id: garrison-aws-vpc-changed
title: 'VPC created, deleted, peered or modified'
description: >-
  A VPC was created, deleted or modified, or a peering connection requested, accepted, rejected or
  deleted. Same eventNames as the CIS metric filter.
severity: low
mitre:
  - 'T1562.007'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.14'
falsePositives:
  - 'Routine network changes'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased:
      - CreateVpc
      - DeleteVpc
      - ModifyVpcAttribute
      - AcceptVpcPeeringConnection
      - CreateVpcPeeringConnection
      - DeleteVpcPeeringConnection
      - RejectVpcPeeringConnection
      - AttachClassicLinkVpc
      - DetachClassicLinkVpc
      - DisableVpcClassicLink
      - EnableVpcClassicLink
  condition: selection
`,
  positive,
  negative,
});
