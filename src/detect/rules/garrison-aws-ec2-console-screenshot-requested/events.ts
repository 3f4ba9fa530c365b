import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ec2-console-screenshot-requested must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'GetConsoleScreenshot',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890', wakeUp: true },
    errorCode: 'Client.UnauthorizedOperation',
    errorMessage: 'You are not authorized to perform this operation.',
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'GetConsoleOutput',
    requestParameters: { instanceId: 'i-0a1b2c3d4e5f67890' },
  }),
];
