import { GarrisonError } from '../../../errors.js';

export const DENY_SID = 'GarrisonDenyAllExceptResponders';
const PRINCIPAL_ARN =
  /^arn:aws[\w-]*:(iam|sts)::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+|assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;

/** A responder ARN as aws:PrincipalArn sees it: an assumed-role session becomes its role. */
export function principalArnOf(arn: string): string {
  if (!PRINCIPAL_ARN.test(arn))
    throw new GarrisonError('input', `not an IAM principal ARN: ${JSON.stringify(arn.slice(0, 120))}`);
  const session = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\//.exec(arn);
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : arn;
}

interface PolicyDoc {
  Version?: string;
  Statement?: Record<string, unknown>[] | Record<string, unknown>;
  [key: string]: unknown;
}

function parse(policy: string | null): PolicyDoc {
  if (!policy) return { Version: '2012-10-17', Statement: [] };
  try {
    return JSON.parse(policy) as PolicyDoc;
  } catch (error) {
    throw new GarrisonError('aws', 'the bucket policy is not JSON', { cause: error });
  }
}

const statements = (doc: PolicyDoc) =>
  Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];

/** The responders named in garrison's deny statement, or undefined when the policy has none. */
export function denyExceptions(policy: string | null): string[] | undefined {
  const st = statements(parse(policy)).find((s) => s.Sid === DENY_SID) as
    | { Condition?: { ArnNotLike?: { 'aws:PrincipalArn'?: string | string[] } } }
    | undefined;
  if (!st) return undefined;
  const arns = st.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? [];
  return Array.isArray(arns) ? arns : [arns];
}

/**
 * The bucket policy with garrison's statement added (or replaced): deny every S3 action on the bucket
 * and its objects to everyone but the responders. The owner's other statements stay, so release can
 * put the recorded policy back exactly.
 */
export function withDenyAllExcept(policy: string | null, bucket: string, responders: string[]): string {
  const doc = parse(policy);
  const kept = statements(doc).filter((s) => s.Sid !== DENY_SID);
  const deny = {
    Sid: DENY_SID,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { ArnNotLike: { 'aws:PrincipalArn': [...new Set(responders)].sort() } },
  };
  return JSON.stringify({ ...doc, Version: doc.Version ?? '2012-10-17', Statement: [...kept, deny] });
}
