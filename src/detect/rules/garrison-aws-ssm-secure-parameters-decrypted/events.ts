import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ssm-secure-parameters-decrypted must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParameter',
    actor: 'admin-role',
    requestParameters: { name: '/prod/db/password', withDecryption: true },
  }),
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParameters',
    requestParameters: { names: ['/prod/db/password', '/prod/stripe/key'], withDecryption: true },
  }),
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParametersByPath',
    requestParameters: { path: '/', recursive: true, withDecryption: true },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParameter',
    actor: 'instance',
    requestParameters: { name: '/prod/db/password', withDecryption: true },
  }),
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParameters',
    requestParameters: { names: ['/prod/db/host'], withDecryption: false },
  }),
  apiCall({ eventSource: 'ssm.amazonaws.com', eventName: 'DescribeParameters' }),
];
