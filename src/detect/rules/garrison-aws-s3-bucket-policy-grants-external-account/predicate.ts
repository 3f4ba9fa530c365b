import type { CloudTrailRecord } from '../../../trail/record.js';
import { allowedAwsPrincipals, policyDocument } from '../policy-document.js';

/** The account id named by an AWS principal (an ARN or a bare account id), if any. */
function accountOf(principal: string): string | undefined {
  return /^\d{12}$/.test(principal) ? principal : /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/.exec(principal)?.[2];
}

/** True when an Allow statement names an AWS principal from another account. */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 's3.amazonaws.com' || record.eventName !== 'PutBucketPolicy') return false;
  const owner = record.recipientAccountId ?? record.userIdentity?.accountId;
  const policy = policyDocument(record.requestParameters?.bucketPolicy);
  return allowedAwsPrincipals(policy).some((p) => {
    const account = accountOf(p);
    return account !== undefined && account !== owner;
  });
}
