import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** S3 server access logging turned off */
export default definePackDetection({
  folder: 'garrison-aws-s3-access-logging-disabled',
  yaml: `
id: garrison-aws-s3-access-logging-disabled
title: 'S3 server access logging turned off'
description: >-
  PutBucketLogging set an empty logging status: requests to the bucket are no longer written to
  its access log.
severity: low
mitre:
  - 'T1562.008'
stratus: []
guardduty:
  - 'Stealth:S3/ServerAccessLoggingDisabled'
cis: []
falsePositives:
  - 'Moving access logs to a new target bucket (expect a new PutBucketLogging right after)'
playbook: s3-bucket
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'PutBucketLogging'
`,
  predicate,
  positive,
  negative,
});
