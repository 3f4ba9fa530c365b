import { defineCheck } from '../define.js';
import { names, trailPropertyCheck } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-log-file-validation',
    title: 'Trail log file integrity validation is enabled',
    severity: 'medium',
    whyItMatters:
      'Digest files prove the logs were not altered or deleted after delivery: without them the trail is weaker evidence, and an intruder with bucket access can edit history unnoticed.',
    remediation: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
    controls: ['CIS 3.2', 'CloudTrail.4'],
  },
  (snapshot) =>
    trailPropertyCheck(snapshot, (t) => t.logFileValidation, {
      pass: (t) => `trail ${t.name} writes digest files`,
      fail: (ts) => `log file validation is off on ${names(ts)}`,
    }),
);
