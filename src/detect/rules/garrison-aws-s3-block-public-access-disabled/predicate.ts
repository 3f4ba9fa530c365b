import type { CloudTrailRecord } from '../../../trail/record.js';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

/** True when Block Public Access is deleted, or put with any of its four protections off. */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 's3.amazonaws.com' || record.errorCode) return false;
  if (
    record.eventName === 'DeleteBucketPublicAccessBlock' ||
    record.eventName === 'DeleteAccountPublicAccessBlock'
  )
    return true;
  if (record.eventName !== 'PutBucketPublicAccessBlock' && record.eventName !== 'PutAccountPublicAccessBlock')
    return false;
  const config = record.requestParameters?.PublicAccessBlockConfiguration as
    | Record<string, unknown>
    | undefined;
  if (!config || typeof config !== 'object') return false;
  return SETTINGS.some((s) => config[s] === false || config[s] === 'false');
}
