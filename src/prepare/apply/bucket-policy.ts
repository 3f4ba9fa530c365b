import { GarrisonError } from '../../errors.js';

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
  [key: string]: unknown;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
  [key: string]: unknown;
}

/** What CloudTrail needs on its bucket: read the ACL, write under AWSLogs/<account>/ with full control to the owner. */
export function cloudTrailBucketStatements(
  partition: string,
  bucket: string,
  account: string,
  trailArn: string,
): PolicyStatement[] {
  const principal = { Service: 'cloudtrail.amazonaws.com' };
  return [
    {
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: principal,
      Action: 's3:GetBucketAcl',
      Resource: `arn:${partition}:s3:::${bucket}`,
      Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: principal,
      Action: 's3:PutObject',
      Resource: `arn:${partition}:s3:::${bucket}/AWSLogs/${account}/*`,
      Condition: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn },
      },
    },
  ];
}

/** What S3 server access logging needs on the target bucket (the policy form; ACLs are off on new buckets). */
export function accessLogDeliveryStatements(
  partition: string,
  logBucket: string,
  sourceBucket: string,
  account: string,
): PolicyStatement[] {
  return [
    {
      Sid: 'S3ServerAccessLogsPolicy',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:${partition}:s3:::${logBucket}/*`,
      Condition: {
        ArnLike: { 'aws:SourceArn': `arn:${partition}:s3:::${sourceBucket}` },
        StringEquals: { 'aws:SourceAccount': account },
      },
    },
  ];
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function servicesOf(principal: unknown): string[] {
  if (typeof principal !== 'object' || principal === null) return [];
  return list((principal as { Service?: string | string[] }).Service);
}

/** True when `existing` already allows what `wanted` allows (same Sid, or same service, action and resource). */
function alreadyGranted(existing: PolicyStatement, wanted: PolicyStatement): boolean {
  if (existing.Effect !== 'Allow') return false;
  if (wanted.Sid && existing.Sid === wanted.Sid) return true;
  const services = servicesOf(existing.Principal);
  const actions = list(existing.Action);
  const resources = list(existing.Resource);
  return (
    servicesOf(wanted.Principal).every((s) => services.includes(s)) &&
    list(wanted.Action).every((a) => actions.includes(a) || actions.includes('s3:*')) &&
    list(wanted.Resource).every((r) => resources.includes(r))
  );
}

/** Parses a bucket policy; a policy garrison cannot read is never overwritten. */
export function parsePolicy(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  try {
    const doc = JSON.parse(text) as PolicyDocument;
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return { ...doc, Statement: statements as PolicyStatement[] };
  } catch (error) {
    throw new GarrisonError(
      'aws',
      'the existing bucket policy is not valid JSON: garrison will not replace it',
      {
        cause: error,
      },
    );
  }
}

/** The statements of `wanted` the policy lacks (its Deny statements and everything else stay). */
export function missingStatements(
  policy: PolicyDocument | undefined,
  wanted: PolicyStatement[],
): PolicyStatement[] {
  const have = policy?.Statement ?? [];
  return wanted.filter((w) => !have.some((h) => alreadyGranted(h, w)));
}

/** The policy with the missing statements appended: nothing removed, nothing reordered. */
export function mergePolicy(policy: PolicyDocument | undefined, add: PolicyStatement[]): PolicyDocument {
  const base = policy ?? { Version: '2012-10-17', Statement: [] };
  const missing = missingStatements(base, add);
  return { ...base, Statement: [...base.Statement, ...missing] };
}
