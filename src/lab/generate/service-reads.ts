/** Reads across IAM and the regional services: what people, pipelines and AWS Config look at. */
import type { Call, CallMaker } from './calls.js';

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
