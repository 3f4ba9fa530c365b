import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ec2-user-data-read must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstanceAttribute',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890', attribute: 'userData' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstanceAttribute',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890', attribute: 'instanceType' },
  }),
];
