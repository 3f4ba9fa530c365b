import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** AMI shared with another account or made public */
export default definePackDetection({
  folder: 'garrison-aws-ami-shared',
  yaml: `
id: garrison-aws-ami-shared
title: 'AMI shared with another account or made public'
description: >-
  ModifyImageAttribute added launch permission on an AMI for another account or for everyone: the
  disk image, and any secrets in it, can be copied out of the account.
severity: high
mitre:
  - 'T1537'
stratus:
  - 'aws.exfiltration.ec2-share-ami'
  - 'aws.exfiltration.ami-make-public'
guardduty: []
cis: []
falsePositives:
  - 'Publishing golden images to member accounts of the organization'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName: ModifyImageAttribute
  to_account:
    requestParameters.launchPermission.add.items.userId|exists: true
  to_everyone:
    requestParameters.launchPermission.add.items.group: all
  condition: selection and (to_account or to_everyone)
`,
  positive,
  negative,
});
