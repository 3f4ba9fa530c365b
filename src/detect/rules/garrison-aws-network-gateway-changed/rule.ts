import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Internet or customer gateway created, attached, detached or deleted */
export default definePackDetection({
  folder: 'garrison-aws-network-gateway-changed',
  yaml: `
id: garrison-aws-network-gateway-changed
title: 'Internet or customer gateway created, attached, detached or deleted'
description: >-
  An internet gateway or customer gateway was created, deleted, attached or detached: new paths in
  or out of a VPC. Same eventNames as the CIS metric filter.
severity: low
mitre:
  - 'T1562.007'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.12'
falsePositives:
  - 'Routine network changes'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased:
      - CreateCustomerGateway
      - DeleteCustomerGateway
      - AttachInternetGateway
      - CreateInternetGateway
      - DeleteInternetGateway
      - DetachInternetGateway
  condition: selection
`,
  positive,
  negative,
});
