import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** EC2 console screenshot requested */
export default definePackDetection({
  folder: 'garrison-aws-ec2-console-screenshot-requested',
  yaml: `
id: garrison-aws-ec2-console-screenshot-requested
title: 'EC2 console screenshot requested'
description: >-
  GetConsoleScreenshot captured the screen of an instance’s console: attackers look for secrets
  and targets on screen. Many denied attempts mean someone is probing with limited credentials.
severity: low
mitre:
  - 'T1113'
  - 'T1580'
stratus:
  - 'aws.collection.ec2-console-screenshots'
guardduty: []
cis: []
falsePositives:
  - 'Troubleshooting an instance that does not boot'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: GetConsoleScreenshot
  condition: selection
`,
  positive,
  negative,
});
