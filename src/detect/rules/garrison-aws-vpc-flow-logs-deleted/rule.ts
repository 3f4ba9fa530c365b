import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** VPC flow logs deleted */
export default definePackDetection({
  folder: 'garrison-aws-vpc-flow-logs-deleted',
  yaml: `
id: garrison-aws-vpc-flow-logs-deleted
title: 'VPC flow logs deleted'
description: >-
  DeleteFlowLogs removed VPC flow logs: network traffic to and from the VPC is no longer recorded.
severity: medium
mitre:
  - 'T1562.008'
stratus:
  - 'aws.defense-evasion.vpc-remove-flow-logs'
guardduty: []
cis: []
falsePositives:
  - 'Replacement of a flow log with a new destination'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: DeleteFlowLogs
  condition: selection
`,
  positive,
  negative,
});
