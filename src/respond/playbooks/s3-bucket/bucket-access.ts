import {
  DeleteBucketPolicyCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../../aws/clients.js';
import { GarrisonError } from '../../../errors.js';
import { awsErrorCode, isMissing } from '../shared/aws-errors.js';

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function checkBucketName(name: string): string {
  if (!BUCKET.test(name) || name.includes('..'))
    throw new GarrisonError('input', `not an S3 bucket name: ${JSON.stringify(name.slice(0, 80))}`);
  return name;
}

/** The bucket's region (GetBucketLocation; an empty answer means us-east-1). */
export async function bucketRegion(clients: AwsClients, bucket: string): Promise<string> {
  try {
    const answer = await clients
      .client(S3Client, 'us-east-1')
      .send(new GetBucketLocationCommand({ Bucket: checkBucketName(bucket) }));
    const where = answer.LocationConstraint as string | undefined;
    return !where ? 'us-east-1' : where === 'EU' ? 'eu-west-1' : where;
  } catch (error) {
    if (isMissing(error, 'NoSuchBucket'))
      throw new GarrisonError('not-found', `bucket ${bucket} not found`, { cause: error });
    throw error;
  }
}

export async function readPolicy(
  clients: AwsClients,
  region: string,
  bucket: string,
): Promise<string | null> {
  try {
    return (
      (await clients.client(S3Client, region).send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ??
      null
    );
  } catch (error) {
    if (awsErrorCode(error) === 'NoSuchBucketPolicy') return null;
    throw error;
  }
}

export async function writePolicy(
  clients: AwsClients,
  region: string,
  bucket: string,
  policy: string | null,
) {
  const s3 = clients.client(S3Client, region);
  if (policy === null) await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  else await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
}

export const ALL_BLOCKED: PublicAccessBlockConfiguration = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export async function readPublicAccessBlock(clients: AwsClients, region: string, bucket: string) {
  try {
    const answer = await clients
      .client(S3Client, region)
      .send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    return answer.PublicAccessBlockConfiguration ?? null;
  } catch (error) {
    if (awsErrorCode(error) === 'NoSuchPublicAccessBlockConfiguration') return null;
    throw error;
  }
}

export const fullyBlocked = (c: PublicAccessBlockConfiguration | null) =>
  !!c &&
  c.BlockPublicAcls === true &&
  c.IgnorePublicAcls === true &&
  c.BlockPublicPolicy === true &&
  c.RestrictPublicBuckets === true;

export async function writePublicAccessBlock(
  clients: AwsClients,
  region: string,
  bucket: string,
  config: PublicAccessBlockConfiguration | null,
) {
  const s3 = clients.client(S3Client, region);
  if (config === null) await s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
  else
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: config }),
    );
}

export async function readAcl(clients: AwsClients, region: string, bucket: string) {
  const answer = await clients.client(S3Client, region).send(new GetBucketAclCommand({ Bucket: bucket }));
  return { owner: answer.Owner ?? null, grants: answer.Grants ?? [] };
}
