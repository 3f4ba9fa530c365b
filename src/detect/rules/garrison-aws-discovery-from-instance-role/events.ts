import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-discovery-from-instance-role must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListRoles',
    actor: 'instance',
    errorCode: 'AccessDenied',
    errorMessage:
      'User: arn:aws:sts::111122223333:assumed-role/web-app-role/i-0a1b2c3d4e5f67890 is not authorized to perform: iam:ListRoles',
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    actor: 'instance',
    requestParameters: { Host: 's3.amazonaws.com' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', actor: 'instance' }),
  apiCall({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', actor: 'user' }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    actor: 'instance',
    requestParameters: { bucketName: 'app-config', key: 'settings.json' },
  }),
  apiCall({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', actor: 'admin-role' }),
];
