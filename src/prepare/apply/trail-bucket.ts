import { PutBucketLoggingCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorCode } from '../../respond/playbooks/shared/aws-errors.js';
import { readBucketLogging, s3For } from '../state/bucket.js';
import {
  accessLogDeliveryStatements,
  cloudTrailBucketStatements,
  missingStatements,
  type PolicyStatement,
  parsePolicy,
} from './bucket-policy.js';
import {
  addPolicyStatements,
  BUCKET_READ_ACTIONS,
  BUCKET_WRITE_ACTIONS,
  type BucketSetup,
  blockPublicAccess,
  createBucket,
  enableVersioning,
  readBucketSetup,
} from './bucket-state.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import { partitionOf, trailLayout } from './settings.js';

/** The changes that make a bucket private, versioned and carrying `statements` in its policy. */
export function bucketGaps(
  setup: BucketSetup,
  region: string,
  wanted: PolicyStatement[],
  purpose: string,
): Change[] {
  const bucket = setup.name;
  if (setup.unreadable) return [];
  if (!setup.exists) {
    return [
      {
        kind: 'create-bucket',
        bucket,
        region,
        summary: `create ${purpose} bucket ${bucket} in ${region} (public access blocked, versioned, policy for ${wanted.map((s) => s.Sid).join(', ')})`,
        statements: wanted as never,
      },
    ];
  }
  const changes: Change[] = [];
  if (!setup.publicAccessBlocked)
    changes.push({
      kind: 'block-public-access',
      bucket,
      update: true,
      summary: `block all public access to ${bucket}`,
    });
  if (!setup.versioning)
    changes.push({
      kind: 'enable-versioning',
      bucket,
      update: true,
      summary: `turn on versioning of ${bucket}`,
    });
  const missing = missingStatements(parsePolicy(setup.policy), wanted);
  if (missing.length > 0)
    changes.push({
      kind: 'add-policy-statements',
      bucket,
      update: true,
      statements: missing as never,
      summary: `add ${missing.map((s) => s.Sid).join(', ')} to the policy of ${bucket} (existing statements kept)`,
    });
  return changes;
}

/** Makes the changes bucketGaps found. */
export async function makeBucketChanges(clients: AwsClients, changes: Change[]): Promise<string[]> {
  const ids: string[] = [];
  for (const c of changes) {
    const bucket = c.bucket as string;
    const statements = (c.statements ?? []) as unknown as PolicyStatement[];
    if (c.kind === 'create-bucket') {
      ids.push(...(await createBucket(clients, c.region as string, { Bucket: bucket })));
      ids.push(...(await blockPublicAccess(clients, bucket)));
      ids.push(...(await enableVersioning(clients, bucket)));
      ids.push(...(await addPolicyStatements(clients, bucket, statements)));
    } else if (c.kind === 'block-public-access') ids.push(...(await blockPublicAccess(clients, bucket)));
    else if (c.kind === 'enable-versioning') ids.push(...(await enableVersioning(clients, bucket)));
    else if (c.kind === 'add-policy-statements')
      ids.push(...(await addPolicyStatements(clients, bucket, statements)));
  }
  return ids;
}

export const trailBucketStep = prepareStep<BucketSetup>({
  id: 'trail-bucket',
  title: "The trail's S3 bucket: private, versioned, with the policy CloudTrail needs",
  iamActions: [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS],
  observe: (ctx) => readBucketSetup(ctx.clients, trailLayout(ctx.target).bucketName),
  gaps(setup, ctx) {
    const layout = trailLayout(ctx.target);
    const p = partitionOf(layout.trailRegion);
    const wanted = cloudTrailBucketStatements(p, setup.name, ctx.target.account, layout.trailArn);
    return bucketGaps(setup, layout.trailRegion, wanted, 'trail');
  },
  make: (ctx, changes) => makeBucketChanges(ctx.clients, changes),
  ready: (setup) =>
    setup.unreadable ?? `bucket ${setup.name} is private, versioned and lets CloudTrail write`,
});

interface AccessLogState {
  source: string;
  logsTo: string | undefined;
  target: BucketSetup | undefined;
}

export const trailAccessLogsStep = prepareStep<AccessLogState>({
  id: 'trail-bucket-access-logs',
  title: "Server access logging of the trail's bucket (who read or deleted the trail files)",
  iamActions: [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS, 's3:GetBucketLogging', 's3:PutBucketLogging'],
  dependsOn: ['trail-bucket'],
  async observe(ctx, fresh) {
    const source = trailLayout(ctx.target).bucketName;
    const seen = ctx.target.snapshot.trailBuckets[source]?.accessLogsTo;
    let logsTo: string | undefined;
    try {
      if (!fresh && seen?.ok) logsTo = seen.value;
      else if (fresh || seen) logsTo = await readBucketLogging(ctx.clients, source);
    } catch (error) {
      // Another account's central bucket: its logging is that account's business.
      if (!/AccessDenied|Forbidden/.test(awsErrorCode(error) ?? '')) throw error;
      return { source, logsTo: '(not readable from this account)', target: undefined };
    }
    if (logsTo) return { source, logsTo, target: undefined };
    return {
      source,
      logsTo,
      target: await readBucketSetup(ctx.clients, ctx.target.settings.accessLogBucket),
    };
  },
  gaps(state, ctx) {
    if (state.logsTo || !state.target) return [];
    const region = trailLayout(ctx.target).trailRegion;
    const p = partitionOf(region);
    const wanted = accessLogDeliveryStatements(p, state.target.name, state.source, ctx.target.account);
    return [
      ...bucketGaps(state.target, region, wanted, 'access log'),
      {
        kind: 'log-access',
        bucket: state.source,
        to: state.target.name,
        update: true,
        summary: `log access to ${state.source} into ${state.target.name}/${state.source}/`,
      },
    ];
  },
  async make(ctx, changes) {
    const ids = await makeBucketChanges(
      ctx.clients,
      changes.filter((c) => c.kind !== 'log-access'),
    );
    for (const c of changes.filter((c) => c.kind === 'log-access')) {
      const bucket = c.bucket as string;
      const s3 = await s3For(ctx.clients, bucket);
      const LoggingEnabled = { TargetBucket: c.to as string, TargetPrefix: `${bucket}/` };
      ids.push(
        ...idsOf(
          await s3.send(
            new PutBucketLoggingCommand({ Bucket: bucket, BucketLoggingStatus: { LoggingEnabled } }),
          ),
        ),
      );
    }
    return ids;
  },
  ready: (state) => `bucket ${state.source} logs access to ${state.logsTo}`,
});
