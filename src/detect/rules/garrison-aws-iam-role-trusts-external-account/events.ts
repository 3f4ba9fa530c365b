import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, ATTACKER_ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-iam-role-trusts-external-account must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateAssumeRolePolicy',
    requestParameters: {
      roleName: 'OrganizationAdmin',
      policyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ATTACKER_ACCOUNT}:root"},"Action":"sts:AssumeRole"}]}`,
    },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateRole',
    requestParameters: {
      roleName: 'support-access',
      assumeRolePolicyDocument:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateRole',
    requestParameters: {
      roleName: 'web-app-role',
      assumeRolePolicyDocument:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateAssumeRolePolicy',
    requestParameters: {
      roleName: 'ops',
      policyDocument: `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/admin"},"Action":"sts:AssumeRole"}]}`,
    },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateRole',
    requestParameters: { roleName: 'broken', assumeRolePolicyDocument: '{not json' },
  }),
];
