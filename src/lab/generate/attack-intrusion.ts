/**
 * The story's first half: EC2 hands the instance its role credentials, the instance works as
 * usual, then the stolen credentials are used from outside to look around and copy the data.
 */
import type { Identity } from './identities.js';
import { awsService, iamDate } from './identities.js';
import type { StoryRecorder } from './story-recorder.js';
import { botoAgent } from './user-agents.js';

const MINUTE = 60_000;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The people, keys and resources of the story. */
export interface Cast {
  account: string;
  region: string;
  instanceId: string;
  instanceIp: string;
  roleName: string;
  roleArn: string;
  /** The instance role session the attacker steals (ASIA key, session name = instance id). */
  role: Identity;
  stolenKey: string;
  credentialsIssuedAt: number;
  bucket: string;
  backdoor: { name: string; id: string; key: string; identity: Identity };
  trailArn: string;
  detectorId: string;
}

export function bucketRequest(cast: Cast, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { bucketName: cast.bucket, Host: `${cast.bucket}.s3.${cast.region}.amazonaws.com`, ...extra };
}

export function bucketResources(cast: Cast, key?: string): Array<Record<string, unknown>> {
  const bucket = { accountId: cast.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${cast.bucket}` };
  return key === undefined
    ? [bucket]
    : [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${cast.bucket}/${key}` }, bucket];
}

/** EC2 delivers the role's credentials; the instance reads reports from its own address, before and during the attack. */
export function prelude(story: StoryRecorder, cast: Cast): void {
  const { prng } = story;
  story.add({
    at: cast.credentialsIssuedAt,
    who: awsService('ec2.amazonaws.com'),
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    phase: 'benign',
    request: { roleArn: cast.roleArn, roleSessionName: cast.instanceId },
    response: {
      credentials: {
        accessKeyId: cast.stolenKey,
        sessionToken: `IQoJb3JpZ2luX2VjE${prng.chars(260, BASE64)}EXAMPLE==`,
        expiration: iamDate(story.scene.t0 + cast.credentialsIssuedAt + 360 * MINUTE),
      },
    },
    resources: [{ accountId: cast.account, type: 'AWS::IAM::Role', ARN: cast.roleArn }],
    readOnly: true,
    ip: 'ec2.amazonaws.com',
    agent: 'ec2.amazonaws.com',
    extra: { sharedEventId: prng.uuid(), tls: undefined },
  });
  // The instance keeps working with the same credentials while they are used elsewhere.
  for (const at of [-31 * MINUTE, -12 * MINUTE, 4 * MINUTE, 26 * MINUTE, 52 * MINUTE]) {
    const key = `reports/daily-${prng.hex(3)}.json`;
    story.add({
      at,
      who: cast.role,
      source: 's3.amazonaws.com',
      name: 'GetObject',
      phase: 'benign',
      request: bucketRequest(cast, { key }),
      resources: bucketResources(cast, key),
      readOnly: true,
      ip: cast.instanceIp,
      agent: botoAgent(prng, 'AWS_EC2'),
      data: { bytesOut: prng.between(2_000, 90_000) },
    });
  }
}

const ENUMERATION: Array<
  [source: string, name: string, request: Record<string, unknown> | null, denied: boolean]
> = [
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

/** Discovery with the stolen credentials: who am I, what is here — mostly denied. */
export function discovery(story: StoryRecorder, cast: Cast): void {
  const { role, account } = cast;
  story.add({
    at: 0,
    who: role,
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    phase: 'discovery',
    readOnly: true,
  });
  story.add({
    at: 38_000,
    who: role,
    source: 's3.amazonaws.com',
    name: 'ListBuckets',
    phase: 'discovery',
    request: { Host: 's3.amazonaws.com' },
    readOnly: true,
  });
  story.iam(61_000, role, 'ListUsers', 'discovery', null, { denied: `arn:aws:iam::${account}:user/` });
  story.iam(64_000, role, 'ListRoles', 'discovery', null, { denied: `arn:aws:iam::${account}:role/` });
  story.iam(66_000, role, 'GetAccountAuthorizationDetails', 'discovery', null, {
    denied: `arn:aws:iam::${account}:*`,
  });
  story.iam(
    69_000,
    role,
    'ListAttachedRolePolicies',
    'discovery',
    { roleName: cast.roleName },
    { denied: cast.roleArn },
  );
  ENUMERATION.forEach(([source, name, request, denied], i) => {
    story.add({
      at: 90_000 + i * 7_000,
      who: role,
      source,
      name,
      phase: 'discovery',
      request,
      readOnly: true,
      ...(denied ? { denied: '-' } : {}),
    });
  });
}

/** Collection: list the data bucket and copy twelve customer files out of it. */
export function collection(story: StoryRecorder, cast: Cast): void {
  story.add({
    at: 5 * MINUTE,
    who: cast.role,
    source: 's3.amazonaws.com',
    name: 'ListObjects',
    phase: 'collection',
    request: bucketRequest(cast, { 'list-type': '2', prefix: '', delimiter: '' }),
    resources: bucketResources(cast),
    readOnly: true,
    data: { bytesOut: 0 },
  });
  for (let i = 0; i < 12; i++) {
    const key = `customers/${i < 6 ? 'eu' : 'us'}/accounts-${String(i + 1).padStart(3, '0')}.csv`;
    story.add({
      at: 6 * MINUTE + i * 11_000,
      who: cast.role,
      source: 's3.amazonaws.com',
      name: 'GetObject',
      phase: 'collection',
      request: bucketRequest(cast, { key }),
      resources: bucketResources(cast, key),
      readOnly: true,
      data: { bytesOut: story.prng.between(4_000_000, 48_000_000) },
    });
  }
}
