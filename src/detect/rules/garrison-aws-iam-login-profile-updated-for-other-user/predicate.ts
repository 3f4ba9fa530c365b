import type { CloudTrailRecord } from '../../../trail/record.js';

/**
 * True when UpdateLoginProfile targets an IAM user other than the caller: an IAM user acting on
 * someone else, or any role, root or federated session acting on a user.
 */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 'iam.amazonaws.com' || record.eventName !== 'UpdateLoginProfile') return false;
  if (record.errorCode) return false;
  const target = record.requestParameters?.userName;
  const caller = record.userIdentity;
  if (caller?.type !== 'IAMUser') return typeof target === 'string';
  return typeof target === 'string' && target !== caller.userName;
}
