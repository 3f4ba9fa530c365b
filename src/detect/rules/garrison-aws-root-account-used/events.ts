import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall, consoleLogin } from '../sample-events.js';

/** Positive: what garrison-aws-root-account-used must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    actor: 'root',
    responseElements: {
      accessKey: {
        accessKeyId: 'AKIAQAVN3EXAMPLEROOT',
        status: 'Active',
        createDate: 'Mar 14, 2026 9:21:07 AM',
      },
    },
  }),
  consoleLogin({ actor: 'root', mfa: true }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    actor: 'user',
    requestParameters: { userName: 'alice' },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'LookupEvents',
    actor: 'root',
    extra: {
      userIdentity: {
        type: 'Root',
        principalId: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        accountId: ACCOUNT,
        invokedBy: 'support.amazonaws.com',
      },
    },
  }),
  apiCall({
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    actor: 'root',
    extra: { eventType: 'AwsServiceEvent' },
  }),
];
