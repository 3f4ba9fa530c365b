import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-iam-policy-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'PutUserPolicy',
    requestParameters: {
      userName: 'alice',
      policyName: 'inline-admin',
      policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'AttachRolePolicy',
    actor: 'admin-role',
    requestParameters: { roleName: 'ci-deploy', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'GetPolicyVersion',
    requestParameters: { policyArn: 'arn:aws:iam::111122223333:policy/ops', versionId: 'v3' },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListAttachedRolePolicies',
    requestParameters: { roleName: 'ci-deploy' },
  }),
];
