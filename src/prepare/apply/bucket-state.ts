import {
  CreateBucketCommand,
  type CreateBucketCommandInput,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorCode, isMissing } from '../../respond/playbooks/shared/aws-errors.js';
import { s3For } from '../state/bucket.js';
import { readOr } from '../state/observe.js';
import { mergePolicy, type PolicyStatement, parsePolicy } from './bucket-policy.js';
import { idsOf } from './define-step.js';

/** What garrison wants to know of a bucket it prepares (absent: it does not exist). */
export interface BucketSetup {
  name: string;
  exists: boolean;
  publicAccessBlocked: boolean;
  versioning: boolean;
  policy: string | undefined;
  /** Why garrison cannot read it (another account's central log bucket): then it is left as it is. */
  unreadable?: string;
}

export const BUCKET_READ_ACTIONS = [
  's3:GetBucketLocation',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketVersioning',
  's3:GetBucketPolicy',
];
export const BUCKET_WRITE_ACTIONS = [
  's3:CreateBucket',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutBucketPolicy',
];

export async function readBucketSetup(clients: AwsClients, name: string): Promise<BucketSetup> {
  const absent = { name, exists: false, publicAccessBlocked: false, versioning: false, policy: undefined };
  let s3: S3Client;
  try {
    s3 = await s3For(clients, name);
  } catch (error) {
    if (isMissing(error, 'NoSuchBucket', 'NotFound')) return absent;
    if (/AccessDenied|Forbidden/.test(awsErrorCode(error) ?? '')) {
      const unreadable = `bucket ${name} is not readable from this account (another account's bucket?): left as it is`;
      return { ...absent, exists: true, unreadable };
    }
    throw error;
  }
  const [block, versioning, policy] = await Promise.all([
    readOr(
      () => s3.send(new GetPublicAccessBlockCommand({ Bucket: name })),
      ['NoSuchPublicAccessBlockConfiguration'],
      undefined,
    ),
    s3.send(new GetBucketVersioningCommand({ Bucket: name })),
    readOr(() => s3.send(new GetBucketPolicyCommand({ Bucket: name })), ['NoSuchBucketPolicy'], undefined),
  ]);
  const c = block?.PublicAccessBlockConfiguration;
  return {
    name,
    exists: true,
    publicAccessBlocked: Boolean(
      c?.BlockPublicAcls && c.IgnorePublicAcls && c.BlockPublicPolicy && c.RestrictPublicBuckets,
    ),
    versioning: versioning.Status === 'Enabled',
    policy: policy?.Policy,
  };
}

/** Creates a bucket in a region (us-east-1 takes no location constraint). */
export async function createBucket(
  clients: AwsClients,
  region: string,
  input: CreateBucketCommandInput,
): Promise<string[]> {
  const s3 = clients.client(S3Client, region);
  const location =
    region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } };
  return idsOf(await s3.send(new CreateBucketCommand({ ...input, ...location })));
}

export async function blockPublicAccess(clients: AwsClients, bucket: string): Promise<string[]> {
  const s3 = await s3For(clients, bucket);
  const all = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  };
  return idsOf(
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: all })),
  );
}

export async function enableVersioning(clients: AwsClients, bucket: string): Promise<string[]> {
  const s3 = await s3For(clients, bucket);
  return idsOf(
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    ),
  );
}

/** Adds statements to the bucket policy as it is now (re-read: a change made since the plan is kept). */
export async function addPolicyStatements(
  clients: AwsClients,
  bucket: string,
  statements: PolicyStatement[],
): Promise<string[]> {
  const s3 = await s3For(clients, bucket);
  const current = await readOr(
    () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
    ['NoSuchBucketPolicy'],
    undefined,
  );
  const merged = mergePolicy(parsePolicy(current?.Policy), statements);
  return idsOf(await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(merged) })));
}
