import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-s3-access-logging-disabled must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketLogging',
    requestParameters: {
      bucketName: 'finance-reports',
      logging: '',
      Host: 'finance-reports.s3.amazonaws.com',
      BucketLoggingStatus: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketLogging',
    requestParameters: {
      bucketName: 'finance-reports',
      logging: '',
      BucketLoggingStatus: {
        xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
        LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'finance-reports/' },
      },
    },
  }),
];
