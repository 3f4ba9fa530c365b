import { trailBucketCheck } from '../bucket-helpers.js';
import { defineCheck } from '../define.js';

export default defineCheck(
  {
    id: 'cloudtrail-bucket-access-logging',
    title: "The trail's S3 bucket has server access logging",
    severity: 'low',
    whyItMatters:
      'Access logs show who read or deleted the trail files themselves: the first thing to check when an intruder may have tampered with the evidence.',
    remediation:
      'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log bucket>","TargetPrefix":"cloudtrail/"}}\'',
    controls: ['CIS 3.6', 'CloudTrail.7'],
  },
  (snapshot) =>
    trailBucketCheck(snapshot, (bucket, state) => {
      if (!state.accessLogsTo.ok) return { status: 'error', detail: state.accessLogsTo.error };
      if (state.accessLogsTo.value) {
        return { status: 'pass', detail: `bucket ${bucket} logs access to ${state.accessLogsTo.value}` };
      }
      return { status: 'fail', detail: `bucket ${bucket} has no server access logging` };
    }),
);
