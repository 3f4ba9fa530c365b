import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-sts-federation-token-issued must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'sts.amazonaws.com',
    eventName: 'GetFederationToken',
    requestParameters: { name: 'stratus', durationSeconds: 129600 },
    responseElements: {
      credentials: {
        accessKeyId: 'ASIAQAVN3EXAMPLEFED1',
        expiration: 'Mar 15, 2026, 9:21:07 PM',
        sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
      },
      federatedUser: {
        federatedUserId: '111122223333:stratus',
        arn: 'arn:aws:sts::111122223333:federated-user/stratus',
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'sts.amazonaws.com',
    eventName: 'GetSessionToken',
    requestParameters: { durationSeconds: 3600 },
  }),
];
