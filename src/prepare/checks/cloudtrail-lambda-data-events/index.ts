import { defineCheck } from '../define.js';
import { names, trailPropertyCheck } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-lambda-data-events',
    title: 'The trail records Lambda invocations (data events)',
    severity: 'low',
    whyItMatters:
      'A backdoored function is invoked, not modified: only Lambda data events show who ran it and when.',
    remediation:
      'add an event selector with DataResources [{"Type":"AWS::Lambda::Function","Values":["arn:aws:lambda"]}] to the trail',
    controls: ['CloudTrail data events'],
  },
  (snapshot) =>
    trailPropertyCheck(snapshot, (t) => t.lambdaDataEvents, {
      pass: (t) => `trail ${t.name} records invocations of all Lambda functions`,
      fail: (ts) => `trail ${names(ts)} records no Lambda data events`,
    }),
);
