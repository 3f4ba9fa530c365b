import type { CloudTrailRecord } from '../../../trail/record.js';
import { allowedAwsPrincipals, policyDocument } from '../policy-document.js';

function accountOf(principal: string): string | undefined {
  return /^\d{12}$/.test(principal) ? principal : /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/.exec(principal)?.[2];
}

/** True when the new trust policy lets "*" or a principal of another account assume the role. */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 'iam.amazonaws.com') return false;
  const request = record.requestParameters ?? {};
  const document =
    record.eventName === 'CreateRole'
      ? request.assumeRolePolicyDocument
      : record.eventName === 'UpdateAssumeRolePolicy'
        ? request.policyDocument
        : undefined;
  if (document === undefined || record.errorCode) return false;
  const own = record.recipientAccountId ?? record.userIdentity?.accountId;
  return allowedAwsPrincipals(policyDocument(document)).some(
    (p) => p === '*' || (accountOf(p) ?? own) !== own,
  );
}
