/**
 * Replays the bundled attack story against the demo's workload: its CloudTrail records name the
 * real instance, role, bucket and account, are packed as CloudTrail delivers them and written into
 * the trail's bucket (and a local folder). The emulator records nothing by itself, so the one
 * lasting thing the attacker made, the backdoor user with its access key and console password,
 * is created too: containment then has something real to act on.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import { type AttackGroundTruth, attackStory } from '../generate/attack-story.js';
import { deliverRecords } from '../generate/deliver.js';
import type { TrailEvent } from '../generate/event.js';
import type { VictimWorkload } from './workload.js';

export interface TrailBucket {
  trailName: string;
  bucket: string;
  /** True when the demo had to create the trail (no trail delivering to S3 was there). */
  created: boolean;
}

export interface Replay {
  trail: TrailBucket;
  /** s3://bucket/AWSLogs/<account>/ : where the hunt reads. */
  source: string;
  files: { key: string; records: number; sha256: string; path?: string }[];
  records: TrailEvent[];
  /** The malicious records only, in time order (kept as case evidence). */
  malicious: TrailEvent[];
  groundTruth: AttackGroundTruth;
  backdoor: { userName: string; accessKeyId: string };
}

const MINUTE = 60_000;
/** The story runs 2 h 21 min; it ends a few minutes before the demo hunts. */
export const STORY_LEAD_MS = 150 * MINUTE;

/** The account's trail that delivers to S3, or a new multi-region trail and bucket when there is none. */
export async function trailBucket(clients: AwsClients, workload: VictimWorkload): Promise<TrailBucket> {
  const cloudtrail = clients.client(CloudTrailClient, workload.region);
  const trails = await cloudtrail.send(new DescribeTrailsCommand({}));
  const existing = (trails.trailList ?? []).find((t) => t.S3BucketName && t.Name);
  if (existing?.Name && existing.S3BucketName)
    return { trailName: existing.Name, bucket: existing.S3BucketName, created: false };
  const bucket = `cloudtrail-logs-${workload.accountId}`;
  const trailName = 'org-audit-trail';
  await clients.client(S3Client, workload.region).send(new CreateBucketCommand({ Bucket: bucket }));
  await cloudtrail.send(
    new CreateTrailCommand({
      Name: trailName,
      S3BucketName: bucket,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    }),
  );
  await cloudtrail.send(new StartLoggingCommand({ Name: trailName }));
  return { trailName, bucket, created: true };
}

export interface ReplayOptions {
  /** Where the delivered files are also written (`<dir>/AWSLogs/...`); none when absent. */
  outputDir?: string;
  /** The time of the first malicious event (default: 2 h 30 min before now). */
  start?: Date;
  attackerUserAgent?: string;
  backdoorUserName?: string;
}

export async function replayAttack(
  clients: AwsClients,
  workload: VictimWorkload,
  options: ReplayOptions = {},
): Promise<Replay> {
  const trail = await trailBucket(clients, workload);
  const detectors = await clients.client(GuardDutyClient, workload.region).send(new ListDetectorsCommand({}));
  const detectorId = detectors.DetectorIds?.[0];
  const instanceId = workload.instanceIds[0] as string;
  const story = attackStory({
    accountId: workload.accountId,
    region: workload.region,
    start: options.start ?? new Date(Date.now() - STORY_LEAD_MS),
    instanceId,
    instanceRoleName: workload.roleName,
    instanceRoleId: workload.roleId,
    dataBucket: workload.dataBucket,
    trailName: trail.trailName,
    ...(detectorId ? { detectorId } : {}),
    ...(options.attackerUserAgent === undefined ? {} : { attackerUserAgent: options.attackerUserAgent }),
    ...(options.backdoorUserName === undefined ? {} : { backdoorUserName: options.backdoorUserName }),
  });
  const delivered = deliverRecords(story.records, { accountId: workload.accountId });
  const s3 = clients.client(S3Client, workload.region);
  const files: Replay['files'] = [];
  for (const file of delivered) {
    await s3.send(
      new PutObjectCommand({
        Bucket: trail.bucket,
        Key: file.key,
        Body: file.body,
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
      }),
    );
    const entry: Replay['files'][number] = {
      key: file.key,
      records: file.records,
      sha256: createHash('sha256').update(file.body).digest('hex'),
    };
    if (options.outputDir) {
      entry.path = join(options.outputDir, file.key);
      await mkdir(dirname(entry.path), { recursive: true });
      await writeFile(entry.path, file.body);
    }
    files.push(entry);
  }
  const backdoor = await plantBackdoor(clients, story.groundTruth.backdoorUserName);
  const bad = new Set(story.groundTruth.maliciousEventIds);
  return {
    trail,
    source: `s3://${trail.bucket}/AWSLogs/${workload.accountId}/`,
    files,
    records: story.records,
    malicious: story.records.filter((r) => bad.has(String(r.eventID))),
    groundTruth: story.groundTruth,
    backdoor,
  };
}

/** What the story's CreateUser, CreateAccessKey, CreateLoginProfile and AttachUserPolicy did, done for real. */
async function plantBackdoor(clients: AwsClients, userName: string): Promise<Replay['backdoor']> {
  const iam = clients.client(IAMClient);
  await iam.send(new CreateUserCommand({ UserName: userName }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  await iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: 'Backdoor-Demo-2026!' }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: 'admin',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    }),
  );
  return { userName, accessKeyId: key.AccessKey?.AccessKeyId ?? '' };
}
