import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** Bucket policy grants access to another AWS account */
export default definePackDetection({
  folder: 'garrison-aws-s3-bucket-policy-grants-external-account',
  yaml: `
id: garrison-aws-s3-bucket-policy-grants-external-account
title: 'Bucket policy grants access to another AWS account'
description: >-
  PutBucketPolicy allowed a principal from an AWS account other than the bucket owner’s: a
  backdoor for reading or writing the bucket from outside.
severity: high
mitre:
  - 'T1098'
  - 'T1537'
stratus:
  - 'aws.exfiltration.s3-backdoor-bucket-policy'
guardduty: []
cis: []
falsePositives:
  - 'Cross-account access for partners, log archive or analytics accounts (allow-list them)'
playbook: s3-bucket
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'PutBucketPolicy'
`,
  predicate,
  positive,
  negative,
});
