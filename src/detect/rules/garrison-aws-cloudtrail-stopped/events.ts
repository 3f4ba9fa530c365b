import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-cloudtrail-stopped must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events` },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StartLogging',
    requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events` },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'GetTrailStatus',
    requestParameters: { name: 'management-events' },
  }),
];
