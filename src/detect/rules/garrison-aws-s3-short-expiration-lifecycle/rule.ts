import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** S3 lifecycle rule expires objects within a week */
export default definePackDetection({
  folder: 'garrison-aws-s3-short-expiration-lifecycle',
  yaml: `
id: garrison-aws-s3-short-expiration-lifecycle
title: 'S3 lifecycle rule expires objects within a week'
description: >-
  PutBucketLifecycle set an enabled rule that expires objects (or their old versions) after 7 days
  or less. On a CloudTrail or evidence bucket, this silently destroys the logs.
severity: medium
mitre:
  - 'T1562.008'
  - 'T1485'
stratus:
  - 'aws.defense-evasion.cloudtrail-lifecycle-rule'
guardduty: []
cis: []
falsePositives:
  - 'Scratch or cache buckets with short retention by design'
playbook: s3-bucket
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'PutBucketLifecycle'
`,
  predicate,
  positive,
  negative,
});
