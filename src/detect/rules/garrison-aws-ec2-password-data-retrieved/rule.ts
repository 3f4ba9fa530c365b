import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Windows administrator password data retrieved */
export default definePackDetection({
  folder: 'garrison-aws-ec2-password-data-retrieved',
  yaml: `
id: garrison-aws-ec2-password-data-retrieved
title: 'Windows administrator password data retrieved'
description: >-
  GetPasswordData fetched the encrypted Administrator password of a Windows instance; with the key
  pair it gives RDP access. Bursts across many instances (often denied) are credential hunting.
severity: medium
mitre:
  - 'T1552'
stratus:
  - 'aws.credential-access.ec2-get-password-data'
guardduty: []
cis: []
falsePositives:
  - 'Administrators connecting to a new Windows instance'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: GetPasswordData
  condition: selection
`,
  positive,
  negative,
});
