import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-password-policy-weakened must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateAccountPasswordPolicy',
    requestParameters: {
      minimumPasswordLength: 6,
      requireSymbols: false,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: true,
      maxPasswordAge: 0,
      passwordReusePrevention: 0,
    },
  }),
  apiCall({ eventSource: 'iam.amazonaws.com', eventName: 'DeleteAccountPasswordPolicy' }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({ eventSource: 'iam.amazonaws.com', eventName: 'GetAccountPasswordPolicy' }),
];
