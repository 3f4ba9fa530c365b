import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ssm-session-started must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'StartSession',
    requestParameters: { target: 'i-0a1b2c3d4e5f67890' },
    responseElements: {
      sessionId: 'alice-0a1b2c3d4e5f6',
      tokenValue: 'Value hidden due to security reasons.',
      streamUrl: 'wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/alice-0a1b2c3d4e5f6',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'TerminateSession',
    requestParameters: { sessionId: 'alice-0a1b2c3d4e5f6' },
  }),
];
