import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
  paginateDescribeLogGroups,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients.js';
import { idsOf, prepareStep } from './define-step.js';
import {
  makeRole,
  ROLE_READ_ACTIONS,
  ROLE_WRITE_ACTIONS,
  type RoleState,
  type RoleWanted,
  readRole,
  roleGaps,
} from './service-role.js';
import { type PrepareTarget, partitionOf, trailLayout } from './settings.js';

/** Days CloudTrail events stay in the log group garrison creates (an existing group keeps its own). */
export const LOG_RETENTION_DAYS = 365;

export async function logGroupExists(clients: AwsClients, region: string, name: string): Promise<boolean> {
  const logs = clients.client(CloudWatchLogsClient, region);
  for await (const page of paginateDescribeLogGroups({ client: logs }, { logGroupNamePrefix: name })) {
    if ((page.logGroups ?? []).some((g) => g.logGroupName === name)) return true;
  }
  return false;
}

export const trailLogGroupStep = prepareStep<{ name: string; region: string; exists: boolean }>({
  id: 'trail-log-group',
  title: 'The CloudWatch Logs group the trail delivers to (where the CIS metric filters run)',
  iamActions: [
    'logs:DescribeLogGroups',
    'logs:CreateLogGroup',
    'logs:PutRetentionPolicy',
    'logs:TagResource',
  ],
  async observe(ctx) {
    const { logGroupName: name, logRegion: region } = trailLayout(ctx.target);
    return { name, region, exists: await logGroupExists(ctx.clients, region, name) };
  },
  gaps: (s) =>
    s.exists
      ? []
      : [
          {
            kind: 'create-log-group',
            region: s.region,
            name: s.name,
            summary: `create log group ${s.name} in ${s.region} (${LOG_RETENTION_DAYS} days)`,
          },
        ],
  async make(ctx, changes) {
    const ids: string[] = [];
    for (const c of changes) {
      const logs = ctx.clients.client(CloudWatchLogsClient, c.region as string);
      const logGroupName = c.name as string;
      try {
        ids.push(
          ...idsOf(
            await logs.send(
              new CreateLogGroupCommand({ logGroupName, tags: { 'garrison:purpose': 'prepare' } }),
            ),
          ),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'ResourceAlreadyExistsException') throw error;
      }
      ids.push(
        ...idsOf(
          await logs.send(
            new PutRetentionPolicyCommand({ logGroupName, retentionInDays: LOG_RETENTION_DAYS }),
          ),
        ),
      );
    }
    return ids;
  },
  ready: (s) => `log group ${s.name} exists in ${s.region}`,
});

/** The role CloudTrail assumes to write into the log group: CreateLogStream and PutLogEvents there only. */
export function logsRoleWanted(target: PrepareTarget): RoleWanted {
  const layout = trailLayout(target);
  const p = partitionOf(layout.trailRegion);
  const streams = `arn:${p}:logs:${layout.logRegion}:${target.account}:log-group:${layout.logGroupName}:log-stream:*`;
  return {
    name: target.settings.logsRoleName,
    principal: { Service: 'cloudtrail.amazonaws.com' },
    condition: { StringEquals: { 'aws:SourceAccount': target.account } },
    policyName: 'cloudtrail-to-cloudwatch-logs',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: streams },
      ],
    },
    description: `CloudTrail delivers trail ${layout.trailName} to ${layout.logGroupName}`,
  };
}

export const trailLogsRoleStep = prepareStep<RoleState | undefined>({
  id: 'trail-logs-role',
  title: 'The IAM role CloudTrail uses to deliver to CloudWatch Logs',
  iamActions: [...ROLE_READ_ACTIONS, ...ROLE_WRITE_ACTIONS],
  async observe(ctx) {
    // A trail that already delivers keeps its own role.
    if (trailLayout(ctx.target).trail?.logsRoleArn) return undefined;
    const wanted = logsRoleWanted(ctx.target);
    return readRole(ctx.clients, wanted.name, wanted.policyName);
  },
  gaps: (state, ctx) => (state ? roleGaps(state, logsRoleWanted(ctx.target)) : []),
  make: (ctx, changes) => makeRole(ctx.clients, logsRoleWanted(ctx.target), changes),
  ready: (state) =>
    state
      ? `role ${state.name} lets CloudTrail write to the log group`
      : 'the trail delivers with its own role',
});
