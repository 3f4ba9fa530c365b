import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** EC2 instance user data replaced */
export default definePackDetection({
  folder: 'garrison-aws-ec2-user-data-modified',
  yaml: `
id: garrison-aws-ec2-user-data-modified
title: 'EC2 instance user data replaced'
description: >-
  ModifyInstanceAttribute replaced an instance’s user data: the new script runs as root at the
  next start, a way to execute code on the instance without SSH or SSM.
severity: high
mitre:
  - 'T1059.009'
  - 'T1098'
stratus:
  - 'aws.execution.ec2-user-data'
guardduty: []
cis: []
falsePositives:
  - 'Rebuilding an instance’s bootstrap script during maintenance'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: ModifyInstanceAttribute
  user_data:
    requestParameters.userData|exists: true
  user_data_attribute:
    requestParameters.attribute: userData
  condition: selection and 1 of user_data*
`,
  positive,
  negative,
});
