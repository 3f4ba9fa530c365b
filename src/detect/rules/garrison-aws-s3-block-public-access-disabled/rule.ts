import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** S3 Block Public Access turned off for a bucket or the account */
export default definePackDetection({
  folder: 'garrison-aws-s3-block-public-access-disabled',
  yaml: `
id: garrison-aws-s3-block-public-access-disabled
title: 'S3 Block Public Access turned off for a bucket or the account'
description: >-
  A bucket’s or the account’s S3 Block Public Access settings were deleted or set with a
  protection turned off: the guardrail that keeps buckets private is gone.
severity: medium
mitre:
  - 'T1562'
  - 'T1530'
stratus: []
guardduty:
  - 'Policy:S3/BucketBlockPublicAccessDisabled'
  - 'Policy:S3/AccountBlockPublicAccessDisabled'
cis: []
falsePositives:
  - 'Buckets deliberately serving public content'
playbook: s3-bucket
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'PutBucketPublicAccessBlock'
  - 'DeleteBucketPublicAccessBlock'
  - 'PutAccountPublicAccessBlock'
  - 'DeleteAccountPublicAccessBlock'
`,
  predicate,
  positive,
  negative,
});
