import { defineCheck } from '../define.js';
import { names, trailPropertyCheck } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-kms-encryption',
    title: 'Trail logs are encrypted with a KMS key',
    severity: 'medium',
    whyItMatters:
      'With SSE-KMS, reading the logs needs kms:Decrypt as well as s3:GetObject, so a leaked bucket permission alone does not expose the record of what the responders saw.',
    remediation:
      'aws cloudtrail update-trail --name <trail> --kms-key-id <key arn> (the key policy must allow CloudTrail)',
    controls: ['CIS 3.7', 'CloudTrail.2'],
  },
  (snapshot) =>
    trailPropertyCheck(snapshot, (t) => Boolean(t.kmsKeyId), {
      pass: (t) => `trail ${t.name} encrypts with ${t.kmsKeyId}`,
      fail: (ts) => `trail ${names(ts)} uses S3-managed encryption only`,
    }),
);
