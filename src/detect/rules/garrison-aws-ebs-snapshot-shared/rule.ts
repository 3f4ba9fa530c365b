import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** EBS snapshot shared with another account or made public */
export default definePackDetection({
  folder: 'garrison-aws-ebs-snapshot-shared',
  yaml: `
id: garrison-aws-ebs-snapshot-shared
title: 'EBS snapshot shared with another account or made public'
description: >-
  ModifySnapshotAttribute granted create-volume permission on an EBS snapshot to another account
  or to everyone: the volume’s data can be restored outside the account.
severity: high
mitre:
  - 'T1537'
stratus:
  - 'aws.exfiltration.ec2-share-ebs-snapshot'
guardduty: []
cis: []
falsePositives:
  - 'Backups copied to a dedicated backup account of the organization'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: ModifySnapshotAttribute
  to_account:
    requestParameters.createVolumePermission.add.items.userId|exists: true
  to_everyone:
    requestParameters.createVolumePermission.add.items.group: all
  condition: selection and (to_account or to_everyone)
`,
  positive,
  negative,
});
