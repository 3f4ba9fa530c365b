import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-cloudtrail-deleted must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'DeleteTrail',
    requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events` },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'CreateTrail',
    requestParameters: {
      name: 'management-events',
      s3BucketName: 'org-cloudtrail-logs',
      isMultiRegionTrail: true,
    },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'DeleteEventDataStore',
    requestParameters: { eventDataStore: 'eds-1' },
  }),
];
