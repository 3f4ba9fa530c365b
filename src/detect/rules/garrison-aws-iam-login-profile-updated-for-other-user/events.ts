import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-iam-login-profile-updated-for-other-user must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateLoginProfile',
    requestParameters: { userName: 'finance-admin', passwordResetRequired: false },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateLoginProfile',
    requestParameters: { userName: 'alice', passwordResetRequired: false },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'GetLoginProfile',
    requestParameters: { userName: 'finance-admin' },
  }),
];
