import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-iam-login-profile-created must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateLoginProfile',
    requestParameters: { userName: 'ci-deployer', passwordResetRequired: false },
    responseElements: {
      loginProfile: {
        userName: 'ci-deployer',
        createDate: 'Mar 14, 2026 9:21:07 AM',
        passwordResetRequired: false,
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'DeleteLoginProfile',
    requestParameters: { userName: 'ci-deployer' },
  }),
];
