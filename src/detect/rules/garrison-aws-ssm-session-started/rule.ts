import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Interactive SSM session started on an instance */
export default definePackDetection({
  folder: 'garrison-aws-ssm-session-started',
  yaml: `
id: garrison-aws-ssm-session-started
title: 'Interactive SSM session started on an instance'
description: >-
  StartSession opened a shell on an instance through Session Manager: interactive access (and
  lateral movement) without SSH keys or open ports.
severity: low
mitre:
  - 'T1021.007'
  - 'T1651'
stratus:
  - 'aws.execution.ssm-start-session'
  - 'aws.lateral-movement.ssm-start-session'
guardduty: []
cis: []
falsePositives:
  - 'Administrators using Session Manager as their normal access path'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ssm.amazonaws.com
    eventName: StartSession
  condition: selection
`,
  positive,
  negative,
});
