import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-s3-bucket-policy-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'DeleteBucketPolicy',
    requestParameters: {
      bucketName: 'finance-reports',
      policy: '',
      Host: 'finance-reports.s3.amazonaws.com',
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketReplication',
    requestParameters: {
      bucketName: 'finance-reports',
      replication: '',
      ReplicationConfiguration: {
        Role: `arn:aws:iam::${ACCOUNT}:role/replication`,
        Rule: { Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::exfil-bucket-444455556666' } },
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPolicy',
    requestParameters: { bucketName: 'finance-reports', policy: '' },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketTagging',
    requestParameters: { bucketName: 'finance-reports', tagging: '' },
  }),
];
