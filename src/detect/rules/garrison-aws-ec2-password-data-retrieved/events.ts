import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ec2-password-data-retrieved must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'GetPasswordData',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890' },
    errorCode: 'Client.UnauthorizedOperation',
    errorMessage: 'You are not authorized to perform this operation.',
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'GetPasswordData',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'GetConsoleOutput',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890' },
  }),
];
