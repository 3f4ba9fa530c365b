import { defineCheck } from '../define.js';
import { names, trailPropertyCheck } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-s3-data-events',
    title: 'The trail records S3 object-level (data) events',
    severity: 'medium',
    whyItMatters:
      'Exfiltration is GetObject and ransomware is PutObject/DeleteObject: without S3 data events, the question "which objects did they read?" has no answer.',
    remediation:
      'aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors \'[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]\'',
    controls: ['CIS 3.10', 'CIS 3.11', 'S3.22', 'S3.23'],
  },
  (snapshot) =>
    trailPropertyCheck(snapshot, (t) => t.s3DataEvents, {
      pass: (t) => `trail ${t.name} records read and write data events for all S3 objects`,
      fail: (ts) => `trail ${names(ts)} records no data events for all S3 objects (reads and writes)`,
    }),
);
