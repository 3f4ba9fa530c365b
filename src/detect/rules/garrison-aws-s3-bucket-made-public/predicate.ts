import type { CloudTrailRecord } from '../../../trail/record.js';
import { policyDocument, publicAllowStatements } from '../policy-document.js';

const PUBLIC_GROUPS = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];
const PUBLIC_CANNED = new Set(['public-read', 'public-read-write', 'authenticated-read']);

function aclIsPublic(request: Record<string, unknown>): boolean {
  const canned = request['x-amz-acl'];
  const cannedList = Array.isArray(canned) ? canned : [canned];
  if (cannedList.some((c) => typeof c === 'string' && PUBLIC_CANNED.has(c))) return true;
  const grants = (request.AccessControlPolicy as { AccessControlList?: { Grant?: unknown } } | undefined)
    ?.AccessControlList?.Grant;
  const list = Array.isArray(grants) ? grants : [grants];
  return list.some((g) => {
    const uri = (g as { Grantee?: { URI?: unknown } } | undefined)?.Grantee?.URI;
    return typeof uri === 'string' && PUBLIC_GROUPS.includes(uri);
  });
}

/** True when a bucket policy or ACL grants access to everyone. */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 's3.amazonaws.com') return false;
  const request = record.requestParameters ?? {};
  if (record.eventName === 'PutBucketAcl') return aclIsPublic(request);
  if (record.eventName === 'PutBucketPolicy')
    return publicAllowStatements(policyDocument(request.bucketPolicy)).length > 0;
  return false;
}
