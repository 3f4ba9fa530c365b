/**
 * The attack story: a web instance is compromised, its role credentials (session name = the
 * instance id, an ASIA key) are taken and used from outside AWS with a Kali AWS CLI to look
 * around, copy the data bucket, plant a backdoor administrator, blind CloudTrail and GuardDuty,
 * make the bucket public, and come back later with the backdoor user.
 */
import { type Cast, collection, discovery, prelude } from './attack-intrusion.js';
import { comeback, evasion, persistence } from './attack-persistence.js';
import type { TrailEvent } from './event.js';
import { accessKeyId, assumedRole, iamUser, trailTime, uniqueId } from './identities.js';
import { awsAddress } from './organisation.js';
import { Prng } from './prng.js';
import { StoryRecorder, type StoryStep } from './story-recorder.js';

export type { AttackPhase, StoryStep } from './story-recorder.js';

export interface AttackStoryParams {
  accountId: string;
  /** The region of the victim workload (EC2, S3, CloudTrail, GuardDuty calls). IAM calls log in us-east-1. */
  region: string;
  /** The time of the first malicious event (the attacker's GetCallerIdentity). */
  start: Date | string | number;
  instanceId: string;
  instanceRoleName: string;
  /** The role's unique id (AROA...), so the story agrees with other records of the same role. */
  instanceRoleId?: string;
  dataBucket: string;
  /** Default 203.0.113.66 (a documentation address). */
  attackerIp?: string;
  /** The attacker's user agent for every API call; default the AWS CLI on Kali Linux (`exec-env/kali`). */
  attackerUserAgent?: string;
  /** The instance's own public address (its legitimate calls before the compromise). */
  instanceIp?: string;
  /** Default `svc-backup-monitor`. */
  backdoorUserName?: string;
  /** Default `org-audit-trail`. */
  trailName?: string;
  detectorId?: string;
  seed?: number | string;
}

export interface AttackGroundTruth {
  maliciousEventIds: string[];
  firstMaliciousTime: string;
  lastMaliciousTime: string;
  attackerIp: string;
  stolenAccessKeyId: string;
  backdoorUserName: string;
  backdoorAccessKeyId: string;
  /** Every record of the story in time order, benign prelude included. */
  steps: StoryStep[];
}

export interface AttackStory {
  /** In time order. */
  records: TrailEvent[];
  groundTruth: AttackGroundTruth;
}

const MINUTE = 60_000;

export function attackStory(params: AttackStoryParams): AttackStory {
  const prng = new Prng(params.seed ?? `attack:${params.accountId}:${params.instanceId}`);
  const t0 = new Date(params.start).getTime();
  if (Number.isNaN(t0)) throw new RangeError(`attackStory: start is not a time: ${String(params.start)}`);
  const { accountId: account, region } = params;
  const attackerIp = params.attackerIp ?? '203.0.113.66';
  const stolenKey = accessKeyId(prng, 'ASIA');
  const credentialsIssuedAt = -47 * MINUTE;
  const backdoor = {
    name: params.backdoorUserName ?? 'svc-backup-monitor',
    id: uniqueId(prng, 'AIDA'),
    key: accessKeyId(prng, 'AKIA'),
  };
  const cast: Cast = {
    account,
    region,
    instanceId: params.instanceId,
    instanceIp: params.instanceIp ?? awsAddress(prng, region),
    roleName: params.instanceRoleName,
    roleArn: `arn:aws:iam::${account}:role/${params.instanceRoleName}`,
    role: assumedRole({
      account,
      roleName: params.instanceRoleName,
      roleId: params.instanceRoleId ?? uniqueId(prng, 'AROA'),
      sessionName: params.instanceId,
      accessKeyId: stolenKey,
      creationMs: t0 + credentialsIssuedAt,
      ec2: true,
    }),
    stolenKey,
    credentialsIssuedAt,
    bucket: params.dataBucket,
    backdoor: {
      ...backdoor,
      identity: iamUser({ account, userName: backdoor.name, userId: backdoor.id, accessKeyId: backdoor.key }),
    },
    trailArn: `arn:aws:cloudtrail:${region}:${account}:trail/${params.trailName ?? 'org-audit-trail'}`,
    detectorId: params.detectorId ?? prng.hex(16),
  };

  const scene = {
    account,
    region,
    attackerIp,
    t0,
    ...(params.attackerUserAgent === undefined ? {} : { attackerAgent: params.attackerUserAgent }),
  };
  const story = new StoryRecorder(prng, scene);
  for (const chapter of [prelude, discovery, collection, persistence, evasion, comeback])
    chapter(story, cast);
  const { records, steps } = story.inTimeOrder();
  const bad = steps.filter((s) => s.malicious);
  return {
    records,
    groundTruth: {
      maliciousEventIds: bad.map((s) => s.eventId),
      firstMaliciousTime: bad[0]?.eventTime ?? trailTime(t0),
      lastMaliciousTime: bad.at(-1)?.eventTime ?? trailTime(t0),
      attackerIp,
      stolenAccessKeyId: stolenKey,
      backdoorUserName: backdoor.name,
      backdoorAccessKeyId: backdoor.key,
      steps,
    },
  };
}
