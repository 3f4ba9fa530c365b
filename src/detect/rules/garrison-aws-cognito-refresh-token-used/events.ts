import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-cognito-refresh-token-used must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cognito-idp.amazonaws.com',
    eventName: 'GetTokensFromRefreshToken',
    requestParameters: { clientId: '1example23456789', refreshToken: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
    extra: { userIdentity: { type: 'Unknown', principalId: 'Anonymous' } },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cognito-idp.amazonaws.com',
    eventName: 'InitiateAuth',
    requestParameters: { authFlow: 'USER_PASSWORD_AUTH', clientId: '1example23456789' },
    extra: { userIdentity: { type: 'Unknown', principalId: 'Anonymous' } },
  }),
];
