import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import { readOr } from './observe.js';

/** An S3 client in the bucket's own region (GetBucketLocation; an empty answer means us-east-1). */
export async function s3For(clients: AwsClients, bucket: string): Promise<S3Client> {
  const answer = await clients.client(S3Client).send(new GetBucketLocationCommand({ Bucket: bucket }));
  const region = answer.LocationConstraint || 'us-east-1';
  return clients.client(S3Client, region === 'EU' ? 'eu-west-1' : region);
}

const EVERYONE = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

/** How exposed a bucket is: the reasons it may be public (none: it is not). */
export async function readBucketExposure(clients: AwsClients, bucket: string): Promise<string[]> {
  const s3 = await s3For(clients, bucket);
  const block = await readOr(
    () => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
    ['NoSuchPublicAccessBlockConfiguration'],
    undefined,
  );
  const c = block?.PublicAccessBlockConfiguration;
  if (c?.BlockPublicAcls && c.IgnorePublicAcls && c.BlockPublicPolicy && c.RestrictPublicBuckets) return [];
  const reasons: string[] = [];
  const status = await readOr(
    () => s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })),
    ['NoSuchBucketPolicy'],
    undefined,
  );
  if (status?.PolicyStatus?.IsPublic && !c?.RestrictPublicBuckets)
    reasons.push('its bucket policy is public');
  const acl = await s3.send(new GetBucketAclCommand({ Bucket: bucket }));
  const open = (acl.Grants ?? []).filter((g) => EVERYONE.test(g.Grantee?.URI ?? ''));
  if (open.length > 0 && !c?.IgnorePublicAcls) {
    reasons.push(`its ACL grants ${open.map((g) => g.Permission).join(', ')} to everyone`);
  }
  if (reasons.length === 0 && !c)
    reasons.push('no public access block: nothing stops a public policy or ACL later');
  return reasons;
}

/** Where the bucket's server access logs go, or undefined when it has none. */
export async function readBucketLogging(clients: AwsClients, bucket: string): Promise<string | undefined> {
  const answer = await (await s3For(clients, bucket)).send(new GetBucketLoggingCommand({ Bucket: bucket }));
  return answer.LoggingEnabled?.TargetBucket;
}

export interface EvidenceBucketState {
  name: string;
  versioning: boolean;
  objectLock: boolean;
  /** Default retention, e.g. `COMPLIANCE 365 days`, when set. */
  retention: string | undefined;
}

/** Whether a bucket can keep evidence unchanged: versioning on and Object Lock enabled. */
export async function readEvidenceBucket(clients: AwsClients, bucket: string): Promise<EvidenceBucketState> {
  const s3 = await s3For(clients, bucket);
  const [versioning, lock] = await Promise.all([
    s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
    readOr(
      () => s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })),
      ['ObjectLockConfigurationNotFoundError'],
      undefined,
    ),
  ]);
  const config = lock?.ObjectLockConfiguration;
  const rule = config?.Rule?.DefaultRetention;
  return {
    name: bucket,
    versioning: versioning.Status === 'Enabled',
    objectLock: config?.ObjectLockEnabled === 'Enabled',
    retention: rule ? `${rule.Mode} ${rule.Days ?? rule.Years} ${rule.Days ? 'days' : 'years'}` : undefined,
  };
}
