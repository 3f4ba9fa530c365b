import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** S3 bucket policy, ACL, CORS, lifecycle or replication changed */
export default definePackDetection({
  folder: 'garrison-aws-s3-bucket-policy-changed',
  yaml: `
id: garrison-aws-s3-bucket-policy-changed
title: 'S3 bucket policy, ACL, CORS, lifecycle or replication changed'
description: >-
  A bucket policy, ACL, CORS, lifecycle or replication configuration was put or deleted: how a
  bucket is opened to the world, shared with another account, replicated out or set to expire.
  Same semantics as the CIS metric filter.
severity: low
mitre:
  - 'T1098'
  - 'T1537'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.8'
falsePositives:
  - 'Infrastructure-as-code deployments'
playbook: s3-bucket
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource|cased: s3.amazonaws.com
    eventName|cased:
      - PutBucketAcl
      - PutBucketPolicy
      - PutBucketCors
      - PutBucketLifecycle
      - PutBucketReplication
      - DeleteBucketPolicy
      - DeleteBucketCors
      - DeleteBucketLifecycle
      - DeleteBucketReplication
  condition: selection
`,
  positive,
  negative,
});
