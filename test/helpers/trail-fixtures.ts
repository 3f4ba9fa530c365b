import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** A realistic CloudTrail record (IAM user calling an API), with any field overridden. */
export function trailRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const account = (overrides.recipientAccountId as string | undefined) ?? '111122223333';
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEPRINCIPAL1',
      arn: `arn:aws:iam::${account}:user/alice`,
      accountId: account,
      accessKeyId: 'AKIAEXAMPLEKEY000001',
      userName: 'alice',
    },
    eventTime: '2026-03-14T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64',
    requestParameters: null,
    responseElements: null,
    requestID: 'EXAMPLE0REQUEST0ID',
    eventID: '0f3c1e52-0000-4000-8000-000000000001',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    ...overrides,
  };
}

export interface DeliveredFile {
  account: string;
  region: string;
  /** yyyy/mm/dd */
  day: string;
  org?: string;
  /** The trail's S3 key prefix (ends with /), above AWSLogs/. */
  prefix?: string;
  records: unknown[];
}

/** The key CloudTrail would deliver this file under. */
export function deliveredKey(file: DeliveredFile, n = 0): string {
  const stamp = `${file.day.replaceAll('/', '')}T10${String(n).padStart(2, '0')}Z`;
  const org = file.org ? `${file.org}/` : '';
  return `${file.prefix ?? ''}AWSLogs/${org}${file.account}/CloudTrail/${file.region}/${file.day}/${file.account}_CloudTrail_${file.region}_${stamp}_abc${n}.json.gz`;
}

/** Creates the bucket and uploads each file gzipped in the delivered `{"Records":[...]}` layout; returns the keys. */
export async function uploadTrail(s3: S3Client, bucket: string, files: DeliveredFile[]): Promise<string[]> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const keys: string[] = [];
  for (const [n, file] of files.entries()) {
    const key = deliveredKey(file, n);
    const body = gzipSync(JSON.stringify({ Records: file.records }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    keys.push(key);
  }
  return keys;
}

/** Records every command a client sends (name and input), to prove what was and was not called. */
export function recordCalls(client: { middlewareStack: { add: (...args: never[]) => void } }): {
  command: string;
  input: Record<string, unknown>;
}[] {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const add = client.middlewareStack.add as unknown as (
    mw: (
      next: (a: unknown) => unknown,
      ctx: { commandName?: string },
    ) => (args: { input: Record<string, unknown> }) => unknown,
    options: { step: string; name: string },
  ) => void;
  add(
    (next, context) => (args) => {
      calls.push({ command: context.commandName ?? '?', input: args.input });
      return next(args);
    },
    { step: 'initialize', name: `garrisonTestCallRecorder${Math.random()}` },
  );
  return calls;
}
