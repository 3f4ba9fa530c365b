import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Network ACL created, deleted or changed */
export default definePackDetection({
  folder: 'garrison-aws-network-acl-changed',
  yaml: `
id: garrison-aws-network-acl-changed
title: 'Network ACL created, deleted or changed'
description: >-
  A network ACL or one of its entries was created, deleted or replaced, or a subnet moved to
  another NACL. Same eventNames as the CIS metric filter.
severity: low
mitre:
  - 'T1562.007'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.11'
falsePositives:
  - 'Routine network changes'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased:
      - CreateNetworkAcl
      - CreateNetworkAclEntry
      - DeleteNetworkAcl
      - DeleteNetworkAclEntry
      - ReplaceNetworkAclEntry
      - ReplaceNetworkAclAssociation
  condition: selection
`,
  positive,
  negative,
});
