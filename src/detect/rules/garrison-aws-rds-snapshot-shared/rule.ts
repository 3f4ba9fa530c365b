import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** RDS snapshot shared with another account or made public */
export default definePackDetection({
  folder: 'garrison-aws-rds-snapshot-shared',
  yaml: `
id: garrison-aws-rds-snapshot-shared
title: 'RDS snapshot shared with another account or made public'
description: >-
  ModifyDBSnapshotAttribute or ModifyDBClusterSnapshotAttribute added accounts (or all) to a
  snapshot’s restore attribute: the database can be restored outside the account.
severity: high
mitre:
  - 'T1537'
stratus:
  - 'aws.exfiltration.rds-share-snapshot'
guardduty: []
cis: []
falsePositives:
  - 'Sharing snapshots with a backup or analytics account of the organization'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: rds.amazonaws.com
    eventName:
      - ModifyDBSnapshotAttribute
      - ModifyDBClusterSnapshotAttribute
    requestParameters.attributeName: restore
    requestParameters.valuesToAdd|exists: true
  condition: selection
`,
  positive,
  negative,
});
