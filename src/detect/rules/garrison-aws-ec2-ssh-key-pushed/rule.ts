import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** SSH key pushed to an instance (Instance Connect or serial console) */
export default definePackDetection({
  folder: 'garrison-aws-ec2-ssh-key-pushed',
  yaml: `
id: garrison-aws-ec2-ssh-key-pushed
title: 'SSH key pushed to an instance (Instance Connect or serial console)'
description: >-
  SendSSHPublicKey or SendSerialConsoleSSHPublicKey installed a temporary SSH key on an instance:
  shell access (and lateral movement) granted through the API rather than the instance’s own keys.
severity: medium
mitre:
  - 'T1021.004'
  - 'T1098.004'
stratus:
  - 'aws.lateral-movement.ec2-instance-connect'
  - 'aws.lateral-movement.ec2-serial-console-send-ssh-public-key'
guardduty: []
cis: []
falsePositives:
  - 'Administrators using EC2 Instance Connect as their normal access path'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2-instance-connect.amazonaws.com
    eventName:
      - SendSSHPublicKey
      - SendSerialConsoleSSHPublicKey
  condition: selection
`,
  positive,
  negative,
});
