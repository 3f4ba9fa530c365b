import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-s3-block-public-access-disabled must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPublicAccessBlock',
    requestParameters: {
      bucketName: 'finance-reports',
      publicAccessBlock: '',
      Host: 'finance-reports.s3.amazonaws.com',
      PublicAccessBlockConfiguration: {
        xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
        RestrictPublicBuckets: false,
        BlockPublicPolicy: false,
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'DeleteBucketPublicAccessBlock',
    requestParameters: { bucketName: 'finance-reports', publicAccessBlock: '' },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutAccountPublicAccessBlock',
    requestParameters: {
      PublicAccessBlockConfiguration: {
        RestrictPublicBuckets: true,
        BlockPublicPolicy: 'false',
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPublicAccessBlock',
    requestParameters: {
      bucketName: 'finance-reports',
      publicAccessBlock: '',
      PublicAccessBlockConfiguration: {
        RestrictPublicBuckets: true,
        BlockPublicPolicy: true,
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPublicAccessBlock',
    requestParameters: { bucketName: 'finance-reports' },
  }),
];
