import type { CloudTrailRecord } from '../../../trail/record.js';
import { isInstanceRoleSession } from '../instance-session.js';

const DISCOVERY = new Set([
  's3.amazonaws.com:ListBuckets',
  'iam.amazonaws.com:GetAccountSummary',
  'iam.amazonaws.com:GetAccountAuthorizationDetails',
  'iam.amazonaws.com:ListUsers',
  'iam.amazonaws.com:ListRoles',
  'iam.amazonaws.com:ListAccessKeys',
  'ec2.amazonaws.com:DescribeSnapshots',
  'cloudtrail.amazonaws.com:DescribeTrails',
  'guardduty.amazonaws.com:ListDetectors',
  'secretsmanager.amazonaws.com:ListSecrets',
  'organizations.amazonaws.com:DescribeOrganization',
]);

/**
 * True when instance-role credentials call an account-wide discovery API. GetCallerIdentity is left
 * out: SDKs and agents on instances call it routinely.
 */
export function predicate(record: CloudTrailRecord): boolean {
  return DISCOVERY.has(`${record.eventSource}:${record.eventName}`) && isInstanceRoleSession(record);
}
