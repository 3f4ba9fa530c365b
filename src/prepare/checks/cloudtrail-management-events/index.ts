import { defineCheck } from '../define.js';
import { names, trailPropertyCheck } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-management-events',
    title: 'The trail records management events, read and write',
    severity: 'high',
    whyItMatters:
      'Reconnaissance (List*, Describe*, GetCallerIdentity) is made of read events and persistence of write events: a trail that drops either half hides part of the attack.',
    remediation:
      'aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'',
    controls: ['CIS 3.1', 'CloudTrail.1'],
  },
  (snapshot) =>
    trailPropertyCheck(snapshot, (t) => t.managementEvents === 'All', {
      pass: (t) => `trail ${t.name} records read and write management events`,
      fail: (ts) =>
        `trail ${names(ts)} records management events: ${ts.map((t) => t.managementEvents).join(', ')} (need All)`,
    }),
);
