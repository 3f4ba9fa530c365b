import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Command sent to instances through SSM */
export default definePackDetection({
  folder: 'garrison-aws-ssm-command-sent',
  yaml: `
id: garrison-aws-ssm-command-sent
title: 'Command sent to instances through SSM'
description: >-
  SendCommand ran a document (often AWS-RunShellScript) on one or more instances: remote code
  execution with the instance’s privileges, and an easy way to read instance credentials.
severity: medium
mitre:
  - 'T1651'
stratus:
  - 'aws.execution.ssm-send-command'
guardduty: []
cis: []
falsePositives:
  - 'Patch Manager, State Manager and operations runbooks'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ssm.amazonaws.com
    eventName: SendCommand
  filter_service:
    userIdentity.invokedBy|exists: true
  condition: selection and not filter_service
`,
  positive,
  negative,
});
