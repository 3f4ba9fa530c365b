/**
 * API calls as CloudTrail records them: the request parameters, response elements and
 * resources of the read and write calls an organisation's account sees every day.
 */
import type { Organisation } from './organisation.js';
import type { Prng } from './prng.js';

export interface Call {
  source: string;
  name: string;
  readOnly: boolean;
  request: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  resources?: Array<Record<string, unknown>>;
  additional?: Record<string, unknown>;
  /** false for data events. */
  management?: boolean;
  /** IAM and other global services log in us-east-1 only. */
  global?: boolean;
  /** The CLI command name (`md/command#ec2.describe-instances`). */
  command?: string;
}

export type CallMaker = (prng: Prng, org: Organisation, region: string) => Call;

const empty = {};
const ec2 = (name: string, request: Record<string, unknown>, command: string): Call => ({
  source: 'ec2.amazonaws.com',
  name,
  readOnly: true,
  request,
  command: `ec2.${command}`,
});

function instanceIn(prng: Prng, org: Organisation, region: string): string {
  const here = org.workloads.filter((w) => w.region === region);
  return prng.pick(here.length ? here : org.workloads).instanceId;
}

export const ec2Reads: CallMaker[] = [
  (p, o, r) =>
    ec2(
      'DescribeInstances',
      p.chance(0.5)
        ? { instancesSet: empty, filterSet: empty }
        : { instancesSet: { items: [{ instanceId: instanceIn(p, o, r) }] }, filterSet: empty },
      'describe-instances',
    ),
  () =>
    ec2(
      'DescribeSecurityGroups',
      { securityGroupSet: empty, securityGroupIdSet: empty, filterSet: empty },
      'describe-security-groups',
    ),
  () => ec2('DescribeVpcs', { vpcSet: empty, filterSet: empty }, 'describe-vpcs'),
  () => ec2('DescribeSubnets', { subnetSet: empty, filterSet: empty }, 'describe-subnets'),
  () => ec2('DescribeVolumes', { volumeSet: empty, filterSet: empty, maxResults: 1000 }, 'describe-volumes'),
  (_p) =>
    ec2(
      'DescribeSnapshots',
      {
        snapshotSet: empty,
        ownersSet: { items: [{ owner: 'self' }] },
        filterSet: empty,
        maxResults: 1000,
        sharedUsersSet: empty,
      },
      'describe-snapshots',
    ),
  () =>
    ec2(
      'DescribeNetworkInterfaces',
      { networkInterfaceIdSet: empty, filterSet: empty },
      'describe-network-interfaces',
    ),
  (p, o, r) =>
    ec2(
      'DescribeTags',
      {
        filterSet: {
          items: [{ name: 'resource-id', valueSet: { items: [{ value: instanceIn(p, o, r) }] } }],
        },
      },
      'describe-tags',
    ),
  () => ec2('DescribeRegions', { regionSet: empty }, 'describe-regions'),
  () =>
    ec2(
      'DescribeAvailabilityZones',
      { availabilityZoneSet: empty, availabilityZoneIdSet: empty },
      'describe-availability-zones',
    ),
  () =>
    ec2(
      'DescribeLaunchTemplates',
      { DescribeLaunchTemplatesRequest: { MaxResults: 200 } },
      'describe-launch-templates',
    ),
  (p, o, r) =>
    ec2(
      'DescribeInstanceStatus',
      {
        instancesSet: { items: [{ instanceId: instanceIn(p, o, r) }] },
        filterSet: empty,
        includeAllInstances: false,
      },
      'describe-instance-status',
    ),
  () =>
    ec2(
      'DescribeAddresses',
      { publicIpsSet: empty, allocationIdsSet: empty, filterSet: empty },
      'describe-addresses',
    ),
];

export function s3BucketCall(
  prng: Prng,
  org: Organisation,
  region: string,
  name: string,
  bucket = prng.pick(org.buckets),
): Call {
  const request: Record<string, unknown> = {
    bucketName: bucket,
    Host: `${bucket}.s3.${region}.amazonaws.com`,
  };
  const param = S3_SUBRESOURCE[name];
  if (param) request[param] = '';
  return {
    source: 's3.amazonaws.com',
    name,
    readOnly: name.startsWith('Get') || name.startsWith('List') || name.startsWith('Head'),
    request,
    resources: [{ accountId: org.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
    command: 's3api.get-bucket',
  };
}

const S3_SUBRESOURCE: Record<string, string> = {
  GetBucketLocation: 'location',
  GetBucketPolicy: 'policy',
  GetBucketAcl: 'acl',
  GetBucketVersioning: 'versioning',
  GetBucketEncryption: 'encryption',
  GetBucketTagging: 'tagging',
  GetBucketPublicAccessBlock: 'publicAccessBlock',
  GetBucketLogging: 'logging',
  GetBucketOwnershipControls: 'ownershipControls',
};

export const s3Reads: CallMaker[] = [
  ...Object.keys(S3_SUBRESOURCE).map(
    (name): CallMaker =>
      (p, o, r) =>
        s3BucketCall(p, o, r, name),
  ),
  () => ({
    source: 's3.amazonaws.com',
    name: 'ListBuckets',
    readOnly: true,
    request: { Host: 's3.amazonaws.com' },
    command: 's3api.list-buckets',
  }),
];

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

const iam = (name: string, request: Record<string, unknown> | null, command: string): Call => ({
  source: 'iam.amazonaws.com',
  name,
  readOnly: true,
  request,
  global: true,
  command: `iam.${command}`,
});

export const iamReads: CallMaker[] = [
  () => iam('ListUsers', null, 'list-users'),
  () => iam('ListRoles', null, 'list-roles'),
  (p, o) => iam('GetRole', { roleName: p.pick(o.workloads).roleName }, 'get-role'),
  (p, o) =>
    iam(
      'ListAttachedRolePolicies',
      { roleName: p.pick(o.workloads).roleName },
      'list-attached-role-policies',
    ),
  (p, o) => iam('ListRolePolicies', { roleName: p.pick(o.functions).roleName }, 'list-role-policies'),
  () => iam('GetAccountSummary', null, 'get-account-summary'),
  () => iam('ListPolicies', { scope: 'Local', onlyAttached: false }, 'list-policies'),
  (p) =>
    iam(
      'GetPolicyVersion',
      {
        policyArn: `arn:aws:iam::aws:policy/${p.pick(['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AmazonSSMManagedInstanceCore'])}`,
        versionId: `v${p.between(1, 9)}`,
      },
      'get-policy-version',
    ),
  (_p, o) => iam('ListAccessKeys', { userName: o.backupUser.name }, 'list-access-keys'),
  () => iam('GetAccountPasswordPolicy', null, 'get-account-password-policy'),
];

const regional = (
  source: string,
  name: string,
  request: Record<string, unknown> | null,
  command: string,
): Call => ({
  source,
  name,
  readOnly: true,
  request,
  command,
});

export const otherReads: CallMaker[] = [
  () =>
    regional(
      'cloudtrail.amazonaws.com',
      'DescribeTrails',
      { includeShadowTrails: true },
      'cloudtrail.describe-trails',
    ),
  (_p, o, _r) =>
    regional(
      'cloudtrail.amazonaws.com',
      'GetTrailStatus',
      { name: `arn:aws:cloudtrail:${o.regions[0]}:${o.account}:trail/${o.trailName}` },
      'cloudtrail.get-trail-status',
    ),
  () => regional('logs.amazonaws.com', 'DescribeLogGroups', { limit: 50 }, 'logs.describe-log-groups'),
  (p, o) =>
    regional(
      'logs.amazonaws.com',
      'DescribeLogStreams',
      { logGroupName: `/aws/lambda/${p.pick(o.functions).name}`, orderBy: 'LastEventTime', descending: true },
      'logs.describe-log-streams',
    ),
  () =>
    regional('monitoring.amazonaws.com', 'DescribeAlarms', { maxRecords: 100 }, 'cloudwatch.describe-alarms'),
  () => regional('lambda.amazonaws.com', 'ListFunctions20150331', null, 'lambda.list-functions'),
  (p, o) =>
    regional(
      'lambda.amazonaws.com',
      'GetFunction20150331v2',
      { functionName: p.pick(o.functions).name },
      'lambda.get-function',
    ),
  () =>
    regional(
      'autoscaling.amazonaws.com',
      'DescribeAutoScalingGroups',
      null,
      'autoscaling.describe-auto-scaling-groups',
    ),
  () =>
    regional(
      'elasticloadbalancing.amazonaws.com',
      'DescribeLoadBalancers',
      null,
      'elbv2.describe-load-balancers',
    ),
  (p, o, r) =>
    regional(
      'elasticloadbalancing.amazonaws.com',
      'DescribeTargetHealth',
      { targetGroupArn: `arn:aws:elasticloadbalancing:${r}:${o.account}:targetgroup/web-tg/${p.hex(8)}` },
      'elbv2.describe-target-health',
    ),
  () => regional('guardduty.amazonaws.com', 'ListDetectors', null, 'guardduty.list-detectors'),
  () => regional('rds.amazonaws.com', 'DescribeDBInstances', null, 'rds.describe-db-instances'),
  () =>
    regional(
      'ssm.amazonaws.com',
      'DescribeInstanceInformation',
      { maxResults: 50 },
      'ssm.describe-instance-information',
    ),
];

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

const write = (
  source: string,
  name: string,
  request: Record<string, unknown>,
  command: string,
  response?: Record<string, unknown>,
): Call => ({
  source,
  name,
  readOnly: false,
  request,
  command,
  ...(response ? { response } : {}),
});

/** Everyday changes people and pipelines make: tags, start/stop, configuration. */
export const everydayWrites: CallMaker[] = [
  (p, o, r) =>
    write(
      'ec2.amazonaws.com',
      'CreateTags',
      {
        resourcesSet: { items: [{ resourceId: instanceIn(p, o, r) }] },
        tagSet: { items: [{ key: 'CostCenter', value: p.pick(['1201', '1310', '2040']) }] },
      },
      'ec2.create-tags',
      { _return: true },
    ),
  (p, o, r) => {
    const id = instanceIn(p, o, r);
    return write(
      'ec2.amazonaws.com',
      'StopInstances',
      { instancesSet: { items: [{ instanceId: id }] }, force: false },
      'ec2.stop-instances',
      {
        instancesSet: {
          items: [
            {
              instanceId: id,
              currentState: { code: 64, name: 'stopping' },
              previousState: { code: 16, name: 'running' },
            },
          ],
        },
      },
    );
  },
  (p, o, r) => {
    const id = instanceIn(p, o, r);
    return write(
      'ec2.amazonaws.com',
      'StartInstances',
      { instancesSet: { items: [{ instanceId: id }] } },
      'ec2.start-instances',
      {
        instancesSet: {
          items: [
            {
              instanceId: id,
              currentState: { code: 0, name: 'pending' },
              previousState: { code: 80, name: 'stopped' },
            },
          ],
        },
      },
    );
  },
  (p, o, r) => {
    const call = s3BucketCall(p, o, r, 'PutBucketTagging');
    call.readOnly = false;
    (call.request as Record<string, unknown>).tagging = '';
    (call.request as Record<string, unknown>).Tagging = {
      xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
      TagSet: { Tag: [{ Key: 'DataClass', Value: p.pick(['internal', 'confidential']) }] },
    };
    return call;
  },
  (p, o) =>
    write(
      'lambda.amazonaws.com',
      'UpdateFunctionConfiguration20150331v2',
      {
        functionName: p.pick(o.functions).name,
        timeout: p.pick([30, 60, 120]),
        memorySize: p.pick([256, 512, 1024]),
      },
      'lambda.update-function-configuration',
    ),
  (p, o) =>
    write(
      'logs.amazonaws.com',
      'PutRetentionPolicy',
      { logGroupName: `/aws/lambda/${p.pick(o.functions).name}`, retentionInDays: p.pick([30, 90, 365]) },
      'logs.put-retention-policy',
    ),
];
