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

export function instanceIn(prng: Prng, org: Organisation, region: string): string {
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
