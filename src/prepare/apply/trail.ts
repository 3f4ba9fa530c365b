import { setTimeout as sleep } from 'node:timers/promises';
import {
  CloudTrailClient,
  CreateTrailCommand,
  type EventSelector,
  GetEventSelectorsCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../../aws/clients.js';
import { readTrails, type TrailState } from '../state/trails.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import { type PrepareTarget, trailLayout } from './settings.js';
import { trailKeyFor } from './trail-key.js';

/** Management events read and write, and data events for every S3 object and Lambda function. */
export const GARRISON_SELECTOR: EventSelector = {
  ReadWriteType: 'All',
  IncludeManagementEvents: true,
  DataResources: [
    { Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] },
    { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] },
  ],
};

/** The changes that make `trail` (undefined: none yet) multi-region, validated, delivering and logging. */
export function trailGaps(trail: TrailState | undefined, target: PrepareTarget): Change[] {
  const layout = trailLayout(target);
  const kms = trailKeyFor(target);
  if (!trail) {
    return [
      {
        kind: 'create-trail',
        summary: `create multi-region trail ${layout.trailName} → s3://${layout.bucketName}, log file validation on, delivering to ${layout.logGroupName}${kms ? `, encrypted with ${kms}` : ''}; start logging; record management events (read and write) and S3/Lambda data events`,
      },
    ];
  }
  const changes: Change[] = [];
  const fixes: string[] = [];
  if (!trail.multiRegion) fixes.push('make it multi-region');
  if (!trail.logFileValidation) fixes.push('turn on log file validation');
  if (!trail.logGroupArn || !trail.logsRoleArn) fixes.push(`deliver to ${layout.logGroupName}`);
  if (!trail.kmsKeyId && kms) fixes.push(`encrypt with ${kms}`);
  if (fixes.length > 0) {
    changes.push({
      kind: 'update-trail',
      update: true,
      summary: `trail ${trail.name}: ${fixes.join(', ')} (same name, same bucket ${trail.bucketName})`,
      multiRegion: !trail.multiRegion,
      validation: !trail.logFileValidation,
      delivery: !trail.logGroupArn || !trail.logsRoleArn,
      kms: !trail.kmsKeyId && Boolean(kms),
    });
  }
  if (trail.managementEvents !== 'All' || !trail.s3DataEvents || !trail.lambdaDataEvents) {
    changes.push({
      kind: 'add-event-selector',
      update: true,
      summary: `trail ${trail.name}: add a selector for management events (read and write) and S3/Lambda data events (existing selectors kept)`,
    });
  }
  if (!trail.logging)
    changes.push({ kind: 'start-logging', update: true, summary: `trail ${trail.name}: start logging` });
  return changes;
}

/** CloudTrail checks the new role and bucket policy at once; IAM may take seconds to show them. */
async function retryWhileSettling<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      const settling =
        /InvalidCloudWatchLogsRoleArn|InsufficientS3BucketPolicy|InvalidCloudWatchLogsLogGroupArn|InsufficientEncryptionPolicy/.test(
          name,
        );
      if (!settling || attempt >= 6) throw error;
      await sleep(2000 * attempt);
    }
  }
}

async function makeTrail(clients: AwsClients, target: PrepareTarget, changes: Change[]): Promise<string[]> {
  const layout = trailLayout(target);
  const cloudtrail = clients.client(CloudTrailClient, layout.trailRegion);
  const ids: string[] = [];
  const delivery = {
    CloudWatchLogsLogGroupArn: layout.logGroupArn,
    CloudWatchLogsRoleArn: layout.logsRoleArn,
  };
  const kms = trailKeyFor(target);
  // By name in the trail's home region (AWS takes the ARN too; moto only the name).
  const trail = layout.trailName;
  for (const c of changes) {
    if (c.kind === 'create-trail') {
      const created = await retryWhileSettling(() =>
        cloudtrail.send(
          new CreateTrailCommand({
            Name: layout.trailName,
            S3BucketName: layout.bucketName,
            IsMultiRegionTrail: true,
            IncludeGlobalServiceEvents: true,
            EnableLogFileValidation: true,
            ...delivery,
            ...(kms ? { KmsKeyId: kms } : {}),
            TagsList: [{ Key: 'garrison:purpose', Value: 'prepare' }],
          }),
        ),
      );
      ids.push(...idsOf(created));
      ids.push(
        ...idsOf(
          await cloudtrail.send(
            new PutEventSelectorsCommand({ TrailName: trail, EventSelectors: [GARRISON_SELECTOR] }),
          ),
        ),
      );
      ids.push(...idsOf(await cloudtrail.send(new StartLoggingCommand({ Name: trail }))));
    } else if (c.kind === 'update-trail') {
      const update = await retryWhileSettling(() =>
        cloudtrail.send(
          new UpdateTrailCommand({
            Name: trail,
            ...(c.multiRegion ? { IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true } : {}),
            ...(c.validation ? { EnableLogFileValidation: true } : {}),
            ...(c.delivery ? delivery : {}),
            ...(c.kms && kms ? { KmsKeyId: kms } : {}),
          }),
        ),
      );
      ids.push(...idsOf(update));
    } else if (c.kind === 'add-event-selector') {
      const current = await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trail }));
      if (current.AdvancedEventSelectors?.length) {
        const advanced = [
          ...current.AdvancedEventSelectors,
          {
            Name: 'garrison: management events',
            FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
          },
          ...['AWS::S3::Object', 'AWS::Lambda::Function'].map((type) => ({
            Name: `garrison: ${type} data events`,
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: [type] },
            ],
          })),
        ];
        ids.push(
          ...idsOf(
            await cloudtrail.send(
              new PutEventSelectorsCommand({ TrailName: trail, AdvancedEventSelectors: advanced }),
            ),
          ),
        );
      } else {
        const classic = [...(current.EventSelectors ?? []), GARRISON_SELECTOR];
        ids.push(
          ...idsOf(
            await cloudtrail.send(
              new PutEventSelectorsCommand({ TrailName: trail, EventSelectors: classic }),
            ),
          ),
        );
      }
    } else if (c.kind === 'start-logging') {
      ids.push(...idsOf(await cloudtrail.send(new StartLoggingCommand({ Name: trail }))));
    }
  }
  return ids;
}

export const trailStep = prepareStep<TrailState | undefined>({
  id: 'trail',
  title:
    'A multi-region trail: logging, validated, delivering to CloudWatch Logs, management and data events',
  iamActions: [
    'cloudtrail:DescribeTrails',
    'cloudtrail:GetTrailStatus',
    'cloudtrail:GetEventSelectors',
    'cloudtrail:CreateTrail',
    'cloudtrail:UpdateTrail',
    'cloudtrail:PutEventSelectors',
    'cloudtrail:StartLogging',
    'cloudtrail:AddTags',
    'iam:PassRole',
  ],
  dependsOn: ['trail-bucket', 'trail-log-group', 'trail-logs-role', 'trail-key'],
  async observe(ctx, fresh) {
    const layout = trailLayout(ctx.target);
    if (!fresh) return layout.trail;
    const trails = await readTrails(ctx.clients, layout.trailRegion);
    return trails.find((t) => t.arn === layout.trailArn || t.name === layout.trailName);
  },
  gaps: (trail, ctx) => trailGaps(trail, ctx.target),
  make: (ctx, changes) => makeTrail(ctx.clients, ctx.target, changes),
  ready: (t) =>
    `trail ${t?.name} is multi-region, logging, validated and delivers to CloudWatch Logs${t?.kmsKeyId ? `, encrypted with ${t.kmsKeyId}` : ' (S3-managed encryption: see the trail-key step)'}`,
  warnings(changes, ctx) {
    const warnings: string[] = [];
    if (changes.some((c) => c.kind === 'create-trail' || c.kind === 'add-event-selector'))
      warnings.push('S3 and Lambda data events are billed per event: on busy buckets this costs real money');
    const trails = ctx.target.snapshot.trails;
    if (
      changes.some((c) => c.kind === 'create-trail') &&
      trails.ok &&
      trails.value.some((t) => t.organizationTrail)
    )
      warnings.push(
        'an organization trail already records this account: a second trail pays again for its management events',
      );
    if (!trailKeyFor(ctx.target) && !trailLayout(ctx.target).trail?.kmsKeyId)
      warnings.push(
        'the trail stays on S3-managed encryption: its KMS key does not allow CloudTrail (see the trail-key step)',
      );
    return warnings;
  },
});
