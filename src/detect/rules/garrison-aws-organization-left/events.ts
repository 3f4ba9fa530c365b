import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-organization-left must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'organizations.amazonaws.com',
    eventName: 'LeaveOrganization',
    errorCode: 'AccessDeniedException',
    errorMessage: 'You don’t have permissions to access this resource.',
  }),
  apiCall({ eventSource: 'organizations.amazonaws.com', eventName: 'LeaveOrganization', actor: 'root' }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({ eventSource: 'organizations.amazonaws.com', eventName: 'DescribeOrganization' }),
  apiCall({
    eventSource: 'organizations.amazonaws.com',
    eventName: 'RemoveAccountFromOrganization',
    actor: 'admin-role',
    requestParameters: { accountId: '777788889999' },
  }),
];
