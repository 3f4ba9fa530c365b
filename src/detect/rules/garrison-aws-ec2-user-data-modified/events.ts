import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ec2-user-data-modified must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifyInstanceAttribute',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890', userData: '<sensitiveDataRemoved>' },
    responseElements: { _return: true },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifyInstanceAttribute',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890', instanceType: { value: 'm5.large' } },
    responseElements: { _return: true },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstanceAttribute',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890', attribute: 'userData' },
  }),
];
