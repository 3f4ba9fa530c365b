/**
 * The attack story: a web instance is compromised, its role credentials (session name = the
 * instance id, an ASIA key) are taken and used from outside AWS with a Kali AWS CLI to look
 * around, copy the data bucket, plant a backdoor administrator, blind CloudTrail and GuardDuty,
 * make the bucket public, and come back later with the backdoor user's key.
 */
import { accessDenied } from './denials.js';
import {
  amzId2,
  apiHost,
  type EventSpec,
  s3RequestId,
  type TrailEvent,
  tlsFor,
  trailEvent,
} from './event.js';
import {
  accessKeyId,
  assumedRole,
  awsService,
  type Identity,
  iamDate,
  iamUser,
  trailTime,
  uniqueId,
} from './identities.js';
import { awsAddress } from './organisation.js';
import { Prng } from './prng.js';
import { botoAgent, kaliCliAgent, s3Agent } from './user-agents.js';

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
  attackerIp?: string;
  /** The instance's own public address (its legitimate calls before the compromise). */
  instanceIp?: string;
  backdoorUserName?: string;
  trailName?: string;
  detectorId?: string;
  seed?: number | string;
}

export type AttackPhase =
  | 'benign'
  | 'discovery'
  | 'collection'
  | 'persistence'
  | 'defense-evasion'
  | 'initial-access';

export interface StoryStep {
  eventId: string;
  eventTime: string;
  eventName: string;
  phase: AttackPhase;
  malicious: boolean;
}

export interface AttackGroundTruth {
  maliciousEventIds: string[];
  firstMaliciousTime: string;
  lastMaliciousTime: string;
  attackerIp: string;
  stolenAccessKeyId: string;
  backdoorUserName: string;
  backdoorAccessKeyId: string;
  steps: StoryStep[];
}

export interface AttackStory {
  records: TrailEvent[];
  groundTruth: AttackGroundTruth;
}

const MINUTE = 60_000;

export function attackStory(params: AttackStoryParams): AttackStory {
  const prng = new Prng(params.seed ?? `attack:${params.accountId}:${params.instanceId}`);
  const t0 = new Date(params.start).getTime();
  if (Number.isNaN(t0)) throw new RangeError(`attackStory: start is not a time: ${String(params.start)}`);
  const account = params.accountId;
  const region = params.region;
  const attackerIp = params.attackerIp ?? '203.0.113.66';
  const instanceIp = params.instanceIp ?? awsAddress(prng, region);
  const backdoor = params.backdoorUserName ?? 'svc-backup-monitor';
  const trailArn = `arn:aws:cloudtrail:${region}:${account}:trail/${params.trailName ?? 'org-audit-trail'}`;
  const detectorId = params.detectorId ?? prng.hex(16);
  const roleId = params.instanceRoleId ?? uniqueId(prng, 'AROA');
  const roleArn = `arn:aws:iam::${account}:role/${params.instanceRoleName}`;
  const stolenKey = accessKeyId(prng, 'ASIA');
  const credsIssued = t0 - 47 * MINUTE;
  const backdoorId = uniqueId(prng, 'AIDA');
  const backdoorKey = accessKeyId(prng, 'AKIA');
  const bucketArn = `arn:aws:s3:::${params.dataBucket}`;

  const role: Identity = assumedRole({
    account,
    roleName: params.instanceRoleName,
    roleId,
    sessionName: params.instanceId,
    accessKeyId: stolenKey,
    creationMs: credsIssued,
    ec2: true,
  });
  const backdoorIdentity: Identity = iamUser({
    account,
    userName: backdoor,
    userId: backdoorId,
    accessKeyId: backdoorKey,
  });

  const records: TrailEvent[] = [];
  const steps: StoryStep[] = [];

  interface Step {
    at: number;
    who: Identity;
    source: string;
    name: string;
    phase: AttackPhase;
    request?: Record<string, unknown> | null;
    response?: Record<string, unknown> | null;
    resources?: Array<Record<string, unknown>>;
    readOnly: boolean;
    denied?: string;
    ip?: string;
    agent?: string;
    data?: { bytesOut: number };
    extra?: Partial<EventSpec>;
    global?: boolean;
  }

  const add = (s: Step): void => {
    const where = s.global ? 'us-east-1' : region;
    const s3 = s.source === 's3.amazonaws.com';
    const command = `${s.source.split('.')[0]}.${s.name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
    const agent = s.agent ?? kaliCliAgent(command);
    const host = s3 ? String(s.request?.Host ?? 's3.amazonaws.com') : apiHost(s.source, where);
    const spec: EventSpec = {
      identity: s.who,
      timeMs: t0 + s.at,
      source: s.source,
      name: s.name,
      region: where,
      ip: s.ip ?? attackerIp,
      userAgent: s3 ? s3Agent(agent) : agent,
      request: s.request ?? null,
      response: s.denied ? null : (s.response ?? null),
      requestId: s3 ? s3RequestId(prng) : prng.uuid(),
      eventId: prng.uuid(),
      readOnly: s.readOnly,
      management: !s.data,
      account,
      tls: tlsFor(prng, host),
      ...s.extra,
    };
    if (s.denied) {
      const denial = accessDenied(
        s.source,
        s.name,
        String(s.who.arn),
        s.denied === '-' ? undefined : s.denied,
      );
      spec.error = { code: denial.code, message: denial.message };
    }
    if (s.resources) spec.resources = s.resources;
    if (s3) {
      spec.additional = {
        SignatureVersion: 'SigV4',
        CipherSuite: spec.tls?.cipher ?? 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': amzId2(prng),
        bytesTransferredOut: s.data?.bytesOut ?? 0,
      };
    }
    const record = trailEvent(spec);
    records.push(record);
    steps.push({
      eventId: spec.eventId,
      eventTime: trailTime(spec.timeMs),
      eventName: s.name,
      phase: s.phase,
      malicious: s.phase !== 'benign',
    });
  };

  const bucketReq = (extra: Record<string, unknown> = {}) => ({
    bucketName: params.dataBucket,
    Host: `${params.dataBucket}.s3.${region}.amazonaws.com`,
    ...extra,
  });
  const bucketRes = [{ accountId: account, type: 'AWS::S3::Bucket', ARN: bucketArn }];
  const iamStep = (
    at: number,
    who: Identity,
    name: string,
    phase: AttackPhase,
    request: Record<string, unknown> | null,
    extra: Partial<Step> = {},
  ): void =>
    add({
      at,
      who,
      source: 'iam.amazonaws.com',
      name,
      phase,
      request,
      readOnly: name.startsWith('List') || name.startsWith('Get'),
      global: true,
      ...extra,
    });

  // Before: EC2 delivers the role's credentials to the instance, which uses them from its own address.
  add({
    at: credsIssued - t0,
    who: awsService('ec2.amazonaws.com'),
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    phase: 'benign',
    request: { roleArn, roleSessionName: params.instanceId },
    response: {
      credentials: {
        accessKeyId: stolenKey,
        sessionToken: `IQoJb3JpZ2luX2VjE${prng.chars(300, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}EXAMPLE==`,
        expiration: iamDate(credsIssued + 6 * 60 * MINUTE),
      },
    },
    resources: [{ accountId: account, type: 'AWS::IAM::Role', ARN: roleArn }],
    readOnly: true,
    ip: 'ec2.amazonaws.com',
    agent: 'ec2.amazonaws.com',
    extra: { sharedEventId: prng.uuid(), tls: undefined },
  });
  for (const at of [-31 * MINUTE, -12 * MINUTE]) {
    const key = `reports/daily-${prng.hex(3)}.json`;
    add({
      at,
      who: role,
      source: 's3.amazonaws.com',
      name: 'GetObject',
      phase: 'benign',
      request: bucketReq({ key }),
      resources: [{ type: 'AWS::S3::Object', ARN: `${bucketArn}/${key}` }, ...bucketRes],
      readOnly: true,
      ip: instanceIp,
      agent: botoAgent(prng, 'AWS_EC2'),
      data: { bytesOut: prng.between(2_000, 90_000) },
    });
  }

  // Discovery with the stolen instance credentials, from outside AWS.
  add({
    at: 0,
    who: role,
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    phase: 'discovery',
    readOnly: true,
  });
  add({
    at: 38_000,
    who: role,
    source: 's3.amazonaws.com',
    name: 'ListBuckets',
    phase: 'discovery',
    request: { Host: 's3.amazonaws.com' },
    readOnly: true,
  });
  const userArn = `arn:aws:iam::${account}:user/`;
  iamStep(61_000, role, 'ListUsers', 'discovery', null, { denied: userArn });
  iamStep(64_000, role, 'ListRoles', 'discovery', null, { denied: `arn:aws:iam::${account}:role/` });
  iamStep(66_000, role, 'GetAccountAuthorizationDetails', 'discovery', null, {
    denied: `arn:aws:iam::${account}:*`,
  });
  iamStep(
    69_000,
    role,
    'ListAttachedRolePolicies',
    'discovery',
    { roleName: params.instanceRoleName },
    { denied: roleArn },
  );
  const enumerate: Array<[string, string, Record<string, unknown> | null, boolean]> = [
    ['ec2.amazonaws.com', 'DescribeInstances', { instancesSet: {}, filterSet: {} }, false],
    [
      'ec2.amazonaws.com',
      'DescribeSecurityGroups',
      { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} },
      false,
    ],
    [
      'ec2.amazonaws.com',
      'DescribeSnapshots',
      { snapshotSet: {}, ownersSet: { items: [{ owner: 'self' }] }, filterSet: {}, sharedUsersSet: {} },
      true,
    ],
    ['lambda.amazonaws.com', 'ListFunctions20150331', null, true],
    ['secretsmanager.amazonaws.com', 'ListSecrets', null, true],
    ['kms.amazonaws.com', 'ListKeys', null, true],
    ['rds.amazonaws.com', 'DescribeDBInstances', null, true],
    ['cloudtrail.amazonaws.com', 'DescribeTrails', { includeShadowTrails: true }, false],
    ['guardduty.amazonaws.com', 'ListDetectors', null, false],
    ['ssm.amazonaws.com', 'DescribeParameters', null, true],
  ];
  enumerate.forEach(([source, name, request, denied], i) => {
    add({
      at: 90_000 + i * 7_000,
      who: role,
      source,
      name,
      phase: 'discovery',
      request,
      readOnly: true,
      denied: denied ? '-' : undefined,
    });
  });

  // Collection: list and copy the data bucket.
  add({
    at: 5 * MINUTE,
    who: role,
    source: 's3.amazonaws.com',
    name: 'ListObjects',
    phase: 'collection',
    request: bucketReq({ 'list-type': '2', prefix: '', delimiter: '' }),
    resources: bucketRes,
    readOnly: true,
    data: { bytesOut: 0 },
  });
  for (let i = 0; i < 12; i++) {
    const key = `customers/${i < 6 ? 'eu' : 'us'}/accounts-${String(i + 1).padStart(3, '0')}.csv`;
    add({
      at: 6 * MINUTE + i * 11_000,
      who: role,
      source: 's3.amazonaws.com',
      name: 'GetObject',
      phase: 'collection',
      request: bucketReq({ key }),
      resources: [{ type: 'AWS::S3::Object', ARN: `${bucketArn}/${key}` }, ...bucketRes],
      readOnly: true,
      data: { bytesOut: prng.between(4_000_000, 48_000_000) },
    });
  }

  // Persistence: a backdoor administrator with a key and a console password.
  const created = t0 + 15 * MINUTE;
  iamStep(
    15 * MINUTE,
    role,
    'CreateUser',
    'persistence',
    { userName: backdoor },
    {
      response: {
        user: {
          path: '/',
          userName: backdoor,
          userId: backdoorId,
          arn: `${userArn}${backdoor}`,
          createDate: iamDate(created),
        },
      },
    },
  );
  iamStep(
    15 * MINUTE + 9_000,
    role,
    'CreateAccessKey',
    'persistence',
    { userName: backdoor },
    {
      response: {
        accessKey: {
          userName: backdoor,
          accessKeyId: backdoorKey,
          status: 'Active',
          createDate: iamDate(created + 9_000),
        },
      },
    },
  );
  iamStep(15 * MINUTE + 17_000, role, 'AttachUserPolicy', 'persistence', {
    userName: backdoor,
    policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  });
  iamStep(
    15 * MINUTE + 26_000,
    role,
    'CreateLoginProfile',
    'persistence',
    { userName: backdoor, passwordResetRequired: false },
    {
      response: {
        loginProfile: {
          userName: backdoor,
          createDate: iamDate(created + 26_000),
          passwordResetRequired: false,
        },
      },
    },
  );

  // Defence evasion with the backdoor key: blind CloudTrail and GuardDuty, open the bucket.
  add({
    at: 19 * MINUTE,
    who: backdoorIdentity,
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    phase: 'defense-evasion',
    readOnly: true,
  });
  add({
    at: 20 * MINUTE,
    who: backdoorIdentity,
    source: 'cloudtrail.amazonaws.com',
    name: 'StopLogging',
    phase: 'defense-evasion',
    request: { name: trailArn },
    readOnly: false,
    resources: [{ accountId: account, type: 'AWS::CloudTrail::Trail', ARN: trailArn }],
  });
  add({
    at: 20 * MINUTE + 40_000,
    who: backdoorIdentity,
    source: 'guardduty.amazonaws.com',
    name: 'DeleteDetector',
    phase: 'defense-evasion',
    request: { detectorId },
    readOnly: false,
  });
  add({
    at: 22 * MINUTE,
    who: backdoorIdentity,
    source: 's3.amazonaws.com',
    name: 'DeleteBucketPublicAccessBlock',
    phase: 'defense-evasion',
    request: bucketReq({ publicAccessBlock: '' }),
    resources: bucketRes,
    readOnly: false,
  });
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${bucketArn}/*`,
      },
    ],
  };
  add({
    at: 22 * MINUTE + 30_000,
    who: backdoorIdentity,
    source: 's3.amazonaws.com',
    name: 'PutBucketPolicy',
    phase: 'defense-evasion',
    request: bucketReq({ bucketPolicy: policy, policy: '' }),
    resources: bucketRes,
    readOnly: false,
  });

  // Later: the backdoor is used again, from the console (no MFA) and with its key.
  const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
  add({
    at: 95 * MINUTE,
    who: iamUser({ account, userName: backdoor, userId: backdoorId }),
    source: 'signin.amazonaws.com',
    name: 'ConsoleLogin',
    phase: 'initial-access',
    response: { ConsoleLogin: 'Success' },
    readOnly: false,
    agent: firefox,
    global: true,
    extra: {
      eventType: 'AwsConsoleSignIn',
      additional: {
        LoginTo: 'https://console.aws.amazon.com/console/home',
        MobileVersion: 'No',
        MFAUsed: 'No',
      },
      tls: tlsFor(prng, 'signin.aws.amazon.com'),
    },
  });
  iamStep(140 * MINUTE, backdoorIdentity, 'ListUsers', 'discovery', null);
  add({
    at: 141 * MINUTE,
    who: backdoorIdentity,
    source: 'ec2.amazonaws.com',
    name: 'DescribeInstances',
    phase: 'discovery',
    request: { instancesSet: {}, filterSet: {} },
    readOnly: true,
  });

  records.sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
  steps.sort((a, b) => a.eventTime.localeCompare(b.eventTime));
  const bad = steps.filter((s) => s.malicious);
  return {
    records,
    groundTruth: {
      maliciousEventIds: bad.map((s) => s.eventId),
      firstMaliciousTime: bad[0]?.eventTime ?? trailTime(t0),
      lastMaliciousTime: bad[bad.length - 1]?.eventTime ?? trailTime(t0),
      attackerIp,
      stolenAccessKeyId: stolenKey,
      backdoorUserName: backdoor,
      backdoorAccessKeyId: backdoorKey,
      steps,
    },
  };
}
