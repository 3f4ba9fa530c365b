/** The calls an organisation's own code makes: objects in its buckets, secrets, parameters, keys. */
import type { Call } from './calls.js';
import type { Organisation } from './organisation.js';
import type { Prng } from './prng.js';

/** An object-level (data) event on a bucket. */
export function s3ObjectCall(
  _prng: Prng,
  org: Organisation,
  region: string,
  name: 'GetObject' | 'PutObject' | 'HeadObject' | 'DeleteObject',
  bucket: string,
  key: string,
): Call {
  return {
    source: 's3.amazonaws.com',
    name,
    readOnly: name === 'GetObject' || name === 'HeadObject',
    request: { bucketName: bucket, Host: `${bucket}.s3.${region}.amazonaws.com`, key },
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: org.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
    management: false,
    command: name === 'PutObject' ? 's3.cp' : 's3.cp',
  };
}

export function objectKey(prng: Prng): string {
  const kind = prng.int(4);
  const day = `2026/${String(prng.between(1, 12)).padStart(2, '0')}/${String(prng.between(1, 28)).padStart(2, '0')}`;
  if (kind === 0) return `exports/${day}/customers-${prng.hex(4)}.csv.gz`;
  if (kind === 1) return `assets/img/${prng.hex(6)}.webp`;
  if (kind === 2) return `backups/db/${day}/pg_dump-${prng.hex(3)}.sql.gz`;
  return `builds/${prng.hex(10)}/bundle.tar.gz`;
}

/** Calls a workload makes with its role: secrets, parameters, keys, its own log streams. */
export function workloadCall(prng: Prng, org: Organisation, region: string, app: string): Call {
  const roll = prng.int(6);
  if (roll === 0) {
    return {
      source: 'secretsmanager.amazonaws.com',
      name: 'GetSecretValue',
      readOnly: true,
      request: {
        secretId: `arn:aws:secretsmanager:${region}:${org.account}:secret:prod/${app}/db-${prng.chars(6, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
      },
    };
  }
  if (roll === 1) {
    return {
      source: 'ssm.amazonaws.com',
      name: 'GetParameter',
      readOnly: true,
      request: { name: `/prod/${app}/config`, withDecryption: true },
    };
  }
  if (roll === 2) {
    return {
      source: 'logs.amazonaws.com',
      name: 'CreateLogStream',
      readOnly: false,
      request: { logGroupName: `/prod/${app}`, logStreamName: `${app}/${prng.hex(16)}` },
    };
  }
  if (roll === 3) {
    return { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true, request: null };
  }
  return kmsDecrypt(prng, org, region, {
    'aws:secretsmanager:arn': `arn:aws:secretsmanager:${region}:${org.account}:secret:prod/${app}/db`,
  });
}

export function kmsDecrypt(
  prng: Prng,
  org: Organisation,
  region: string,
  context: Record<string, string>,
): Call {
  const key = org.kmsKeys[region] ?? `arn:aws:kms:${region}:${org.account}:key/${prng.uuid()}`;
  return {
    source: 'kms.amazonaws.com',
    name: 'Decrypt',
    readOnly: true,
    request: { encryptionContext: context, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    resources: [{ accountId: org.account, type: 'AWS::KMS::Key', ARN: key }],
  };
}
