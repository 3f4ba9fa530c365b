import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Route 53 Resolver query logging removed */
export default definePackDetection({
  folder: 'garrison-aws-dns-query-logging-deleted',
  yaml: `
id: garrison-aws-dns-query-logging-deleted
title: 'Route 53 Resolver query logging removed'
description: >-
  A Route 53 Resolver query logging configuration was deleted or disassociated from a VPC: DNS
  lookups (and DNS exfiltration) from that VPC are no longer recorded.
severity: medium
mitre:
  - 'T1562.008'
stratus:
  - 'aws.defense-evasion.dns-delete-logs'
guardduty: []
cis: []
falsePositives:
  - 'Cleanup of unused logging configurations'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: route53resolver.amazonaws.com
    eventName:
      - DeleteResolverQueryLogConfig
      - DisassociateResolverQueryLogConfig
  condition: selection
`,
  positive,
  negative,
});
