import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** S3 objects deleted in bulk (DeleteObjects) */
export default definePackDetection({
  folder: 'garrison-aws-s3-objects-batch-deleted',
  yaml: `
id: garrison-aws-s3-objects-batch-deleted
title: 'S3 objects deleted in bulk (DeleteObjects)'
description: >-
  A DeleteObjects call removed many objects in one request, as ransomware and wipers do after
  copying the data out. Visible only where the trail records S3 data events.
severity: medium
mitre:
  - 'T1485'
  - 'T1486'
stratus:
  - 'aws.impact.s3-ransomware-batch-deletion'
guardduty: []
cis: []
falsePositives:
  - 'Cleanup jobs and lifecycle tooling that delete in batches'
playbook: s3-bucket
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: s3.amazonaws.com
    eventName: DeleteObjects
  condition: selection
`,
  positive,
  negative,
});
