import { trailBucketCheck } from '../bucket-helpers.js';
import { defineCheck } from '../define.js';

export default defineCheck(
  {
    id: 'cloudtrail-bucket-not-public',
    title: "The trail's S3 bucket is not publicly accessible",
    severity: 'high',
    whyItMatters:
      'Public trail logs tell an attacker what is recorded and where; a public write lets them plant or remove records in the evidence itself.',
    remediation:
      'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    controls: ['CIS 3.3', 'CloudTrail.6', 'S3.8'],
  },
  (snapshot) =>
    trailBucketCheck(snapshot, (bucket, state) => {
      if (!state.exposure.ok) return { status: 'error', detail: state.exposure.error };
      if (state.exposure.value.length === 0) {
        return { status: 'pass', detail: `bucket ${bucket} blocks all public access` };
      }
      return { status: 'fail', detail: `bucket ${bucket}: ${state.exposure.value.join('; ')}` };
    }),
);
