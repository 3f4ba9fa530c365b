import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** EC2 instance user data downloaded */
export default definePackDetection({
  folder: 'garrison-aws-ec2-user-data-read',
  yaml: `
id: garrison-aws-ec2-user-data-read
title: 'EC2 instance user data downloaded'
description: >-
  DescribeInstanceAttribute read an instance’s user data, where bootstrap scripts often hold
  passwords, tokens and keys.
severity: low
mitre:
  - 'T1552.005'
  - 'T1580'
stratus:
  - 'aws.discovery.ec2-download-user-data'
guardduty: []
cis: []
falsePositives:
  - 'Configuration management and inventory tools'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: DescribeInstanceAttribute
    requestParameters.attribute: userData
  condition: selection
`,
  positive,
  negative,
});
