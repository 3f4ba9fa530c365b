import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-organizations-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'organizations.amazonaws.com',
    eventName: 'DetachPolicy',
    actor: 'admin-role',
    requestParameters: { policyId: 'p-examplescp1', targetId: 'ou-ab12-cdefgh34' },
  }),
  apiCall({
    eventSource: 'organizations.amazonaws.com',
    eventName: 'LeaveOrganization',
    errorCode: 'AccessDeniedException',
    errorMessage: 'You do not have permission to leave the organization.',
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({ eventSource: 'organizations.amazonaws.com', eventName: 'DescribeOrganization' }),
  apiCall({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreatePolicy',
    requestParameters: { policyName: 'ops', policyDocument: '{}' },
  }),
];
