import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-iam-admin-policy-attached must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'AttachUserPolicy',
    requestParameters: { userName: 'backup-svc', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'AttachRolePolicy',
    actor: 'instance',
    requestParameters: { roleName: 'web-app-role', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'AttachUserPolicy',
    requestParameters: { userName: 'backup-svc', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'DetachUserPolicy',
    requestParameters: { userName: 'backup-svc', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  }),
];
