import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-unauthorized-api-call must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    actor: 'instance',
    errorCode: 'Client.UnauthorizedOperation',
    errorMessage: 'You are not authorized to perform this operation.',
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    errorCode: 'AccessDenied',
    errorMessage: 'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers',
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({ eventSource: 'iam.amazonaws.com', eventName: 'ListUsers' }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPolicy',
    requestParameters: { bucketName: 'finance-reports', policy: '' },
    errorCode: 'NoSuchBucketPolicy',
  }),
];
