import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-iam-access-key-created-for-other-user must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    requestParameters: { userName: 'ci-deployer' },
    responseElements: {
      accessKey: {
        accessKeyId: 'AKIAQAVN3EXAMPLEBACK',
        status: 'Active',
        userName: 'ci-deployer',
        createDate: 'Mar 14, 2026 9:21:07 AM',
      },
    },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    actor: 'admin-role',
    requestParameters: { userName: 'alice' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    requestParameters: { userName: 'alice' },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    requestParameters: { userName: 'ci-deployer' },
    errorCode: 'LimitExceeded',
    errorMessage: 'Cannot exceed quota for AccessKeysPerUser: 2',
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    actor: 'admin-role',
    requestParameters: { userName: 42 },
  }),
];
