import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** AMI deregistered */
export default definePackDetection({
  folder: 'garrison-aws-ami-deregistered',
  yaml: `
id: garrison-aws-ami-deregistered
title: 'AMI deregistered'
description: >-
  DeregisterImage removed an AMI the account owns: instances can no longer be launched or rebuilt
  from it (data destruction, or removing evidence of a backdoored image).
severity: low
mitre:
  - 'T1485'
stratus:
  - 'aws.impact.ec2-deregister-ami'
guardduty: []
cis: []
falsePositives:
  - 'Image pipelines retiring old AMIs'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: DeregisterImage
  condition: selection
`,
  positive,
  negative,
});
