import { PutBucketVersioningCommand, PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { derivePolicy, playbooksNamed } from '../../respond/playbooks/policy.js';
import type { StepContext } from '../../respond/step.js';
import type { EvidenceBucketState } from '../state/bucket.js';
import { s3For } from '../state/bucket.js';
import { readEvidenceBuckets, readResponderRoles } from '../state/responders.js';
import { blockPublicAccess, createBucket } from './bucket-state.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import { makeRole, ROLE_WRITE_ACTIONS, type RoleWanted } from './service-role.js';
import { type PrepareTarget, partitionOf } from './settings.js';

async function evidenceBucketsOf(
  ctx: StepContext<PrepareTarget>,
  fresh: boolean,
): Promise<EvidenceBucketState[]> {
  const seen = ctx.target.snapshot.evidenceBuckets;
  if (!fresh && seen.ok) return seen.value;
  return readEvidenceBuckets(ctx.clients, ctx.target.snapshot.scope.evidenceBucket);
}

/** A bucket with versioning and Object Lock exists, or one is created; a named one lacking them is updated. */
export function evidenceGaps(buckets: EvidenceBucketState[], target: PrepareTarget): Change[] {
  if (buckets.some((b) => b.versioning && b.objectLock)) return [];
  const name = target.settings.evidenceBucket;
  const existing = buckets.find((b) => b.name === name);
  if (!existing)
    return [
      {
        kind: 'create-evidence-bucket',
        bucket: name,
        summary: `create forensic bucket ${name} (Object Lock, versioning, no public access)`,
      },
    ];
  return [
    {
      kind: 'lock-evidence-bucket',
      bucket: name,
      update: true,
      summary: `forensic bucket ${name}: turn on versioning and Object Lock (existing objects kept)`,
    },
  ];
}

export const forensicBucketStep = prepareStep<EvidenceBucketState[]>({
  id: 'forensic-bucket',
  title: 'A forensic evidence bucket with versioning and Object Lock',
  iamActions: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetBucketVersioning',
    's3:GetBucketObjectLockConfiguration',
    's3:CreateBucket',
    's3:PutBucketPublicAccessBlock',
    's3:PutBucketVersioning',
    's3:PutBucketObjectLockConfiguration',
  ],
  observe: evidenceBucketsOf,
  gaps: (buckets, ctx) => evidenceGaps(buckets, ctx.target),
  async make(ctx, changes) {
    const ids: string[] = [];
    for (const c of changes) {
      const bucket = c.bucket as string;
      if (c.kind === 'create-evidence-bucket') {
        ids.push(
          ...(await createBucket(ctx.clients, ctx.target.settings.homeRegion, {
            Bucket: bucket,
            ObjectLockEnabledForBucket: true,
          })),
        );
        ids.push(...(await blockPublicAccess(ctx.clients, bucket)));
      } else {
        const s3 = await s3For(ctx.clients, bucket);
        ids.push(
          ...idsOf(
            await s3.send(
              new PutBucketVersioningCommand({
                Bucket: bucket,
                VersioningConfiguration: { Status: 'Enabled' },
              }),
            ),
          ),
        );
        ids.push(
          ...idsOf(
            await s3.send(
              new PutObjectLockConfigurationCommand({
                Bucket: bucket,
                ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
              }),
            ),
          ),
        );
      }
    }
    return ids;
  },
  ready: (buckets) =>
    `forensic bucket ${buckets.find((b) => b.versioning && b.objectLock)?.name} keeps evidence unchanged`,
  warnings: () => [
    'Object Lock cannot be turned off once on; garrison sets no default retention (choose one for your evidence policy)',
  ],
});

/**
 * The responder role: assumable by this account's principals with MFA, carrying the least-privilege
 * policy `garrison policy all` prints (every containment playbook, and release). Attach SecurityAudit
 * yourself for read-only investigation.
 */
export function responderWanted(target: PrepareTarget): RoleWanted {
  const { Statement } = derivePolicy(playbooksNamed(['all']));
  return {
    name: target.settings.responderRole,
    principal: { AWS: `arn:${partitionOf(target.settings.homeRegion)}:iam::${target.account}:root` },
    condition: { Bool: { 'aws:MultiFactorAuthPresent': true } },
    policyName: 'garrison-containment',
    policy: { Version: '2012-10-17', Statement },
    description:
      'incident responders (MFA): garrison containment and release, policy from garrison policy all',
  };
}

export const responderRoleStep = prepareStep<string[]>({
  id: 'responder-role',
  title: 'An incident responder role (MFA) with the policy garrison policy all derives',
  iamActions: ['iam:ListRoles', ...ROLE_WRITE_ACTIONS],
  async observe(ctx, fresh) {
    const seen = ctx.target.snapshot.responderRoles;
    if (!fresh && seen.ok) return seen.value;
    return readResponderRoles(ctx.clients, ctx.target.snapshot.scope.responderRole);
  },
  gaps: (roles, ctx) =>
    roles.length > 0
      ? []
      : [
          {
            kind: 'create-role',
            role: ctx.target.settings.responderRole,
            summary: `create role ${ctx.target.settings.responderRole} (assumable with MFA; containment policy from garrison policy all)`,
          },
        ],
  make: (ctx, changes) => makeRole(ctx.clients, responderWanted(ctx.target), changes),
  ready: (roles) => `responder role ${roles.join(', ')}`,
});
