import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Route table or route created, replaced or deleted */
export default definePackDetection({
  folder: 'garrison-aws-route-table-changed',
  yaml: `
id: garrison-aws-route-table-changed
title: 'Route table or route created, replaced or deleted'
description: >-
  A route table or route was created, replaced, deleted or disassociated: traffic can be
  redirected through an attacker-controlled path. Same eventNames as the CIS metric filter.
severity: low
mitre:
  - 'T1562.007'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.13'
falsePositives:
  - 'Routine network changes'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased:
      - CreateRoute
      - CreateRouteTable
      - ReplaceRoute
      - ReplaceRouteTableAssociation
      - DeleteRouteTable
      - DeleteRoute
      - DisassociateRouteTable
  condition: selection
`,
  positive,
  negative,
});
