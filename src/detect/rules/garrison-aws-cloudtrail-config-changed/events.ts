import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-cloudtrail-config-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'UpdateTrail',
    requestParameters: { name: 'management-events', s3BucketName: 'attacker-controlled-logs' },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StartLogging',
    actor: 'admin-role',
    requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events` },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'DescribeTrails',
    requestParameters: { includeShadowTrails: true },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'GetTrailStatus',
    requestParameters: { name: 'management-events' },
  }),
];
