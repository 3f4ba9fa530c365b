import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-secrets-retrieved must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    actor: 'admin-role',
    requestParameters: { secretId: 'prod/payments/db' },
  }),
  apiCall({
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'BatchGetSecretValue',
    requestParameters: { filters: [{ key: 'tag-key', values: ['StratusRedTeam'] }] },
  }),
  apiCall({
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    requestParameters: { secretId: 'prod/payments/db' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    actor: 'instance',
    requestParameters: { secretId: 'prod/payments/db' },
  }),
  apiCall({
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    actor: 'service',
    requestParameters: { secretId: 'prod/payments/db' },
  }),
  apiCall({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'ListSecrets' }),
];
