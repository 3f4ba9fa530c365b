import { defineCheck } from '../define.js';
import { names, trailPropertyCheck } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-cloudwatch-logs',
    title: 'The trail delivers to CloudWatch Logs',
    severity: 'high',
    whyItMatters:
      'Metric filters and alarms only see events delivered to CloudWatch Logs: without delivery, no alarm fires on root use, StopLogging or policy changes, and the attack is found late.',
    remediation:
      'aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <group arn> --cloud-watch-logs-role-arn <role arn>',
    controls: ['CIS 3.4', 'CloudTrail.5'],
  },
  (snapshot) =>
    trailPropertyCheck(snapshot, (t) => Boolean(t.logGroupArn && t.logsRoleArn), {
      pass: (t) => `trail ${t.name} delivers to ${t.logGroupArn}`,
      fail: (ts) => `trail ${names(ts)} does not deliver to CloudWatch Logs`,
    }),
);
