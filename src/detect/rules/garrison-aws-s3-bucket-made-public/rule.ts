import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** S3 bucket opened to everyone by policy or ACL */
export default definePackDetection({
  folder: 'garrison-aws-s3-bucket-made-public',
  yaml: `
id: garrison-aws-s3-bucket-made-public
title: 'S3 bucket opened to everyone by policy or ACL'
description: >-
  A bucket policy allowed Principal "*" without a restricting condition, or a bucket ACL granted
  access to AllUsers or AuthenticatedUsers: anyone on the internet (or any AWS customer) can reach
  the data.
severity: high
mitre:
  - 'T1530'
  - 'T1098'
stratus: []
guardduty:
  - 'Policy:S3/BucketPublicAccessGranted'
  - 'Policy:S3/BucketAnonymousAccessGranted'
cis: []
falsePositives:
  - 'Static website or public dataset buckets (tag and allow-list them)'
playbook: s3-bucket
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'PutBucketPolicy'
  - 'PutBucketAcl'
`,
  predicate,
  positive,
  negative,
});
