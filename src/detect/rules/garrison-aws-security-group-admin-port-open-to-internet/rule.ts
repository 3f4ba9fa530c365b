import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** SSH, RDP or all ports opened to the internet */
export default definePackDetection({
  folder: 'garrison-aws-security-group-admin-port-open-to-internet',
  yaml: `
id: garrison-aws-security-group-admin-port-open-to-internet
title: 'SSH, RDP or all ports opened to the internet'
description: >-
  AuthorizeSecurityGroupIngress allowed 0.0.0.0/0 or ::/0 to reach SSH (22), RDP (3389) or every
  port: an instance becomes reachable for remote access or a backdoor listener.
severity: high
mitre:
  - 'T1562.007'
  - 'T1133'
stratus:
  - 'aws.exfiltration.ec2-security-group-open-port-22-ingress'
guardduty: []
cis: []
falsePositives:
  - 'Bastion hosts deliberately exposed (prefer SSM or restricted CIDRs)'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'AuthorizeSecurityGroupIngress'
`,
  predicate,
  positive,
  negative,
});
