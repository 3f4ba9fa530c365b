import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** GPU or very large EC2 instance launched */
export default definePackDetection({
  folder: 'garrison-aws-ec2-unusual-instance-type-launched',
  yaml: `
id: garrison-aws-ec2-unusual-instance-type-launched
title: 'GPU or very large EC2 instance launched'
description: >-
  RunInstances asked for a GPU, machine-learning or very large memory instance type: the usual
  choice for cryptomining with stolen credentials. Failed attempts (quota, permissions) count too.
severity: medium
mitre:
  - 'T1496'
stratus:
  - 'aws.execution.ec2-launch-unusual-instances'
guardduty: []
cis: []
falsePositives:
  - 'Teams that genuinely train models or run large in-memory databases'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: RunInstances
    requestParameters.instanceType|startswith:
      - 'p2.'
      - 'p3.'
      - 'p3dn.'
      - 'p4d.'
      - 'p4de.'
      - 'p5.'
      - 'p5e.'
      - 'g3.'
      - 'g4dn.'
      - 'g4ad.'
      - 'g5.'
      - 'g6.'
      - 'dl1.'
      - 'inf1.'
      - 'inf2.'
      - 'trn1.'
      - 'x1.'
      - 'x1e.'
      - 'x2idn.'
      - 'u-'
  condition: selection
`,
  positive,
  negative,
});
