import { createHash } from 'node:crypto';
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Playbook, PlaybookTarget, Step } from '../../step.js';
import { toJson } from '../shared/json.js';
import { withRequestIds } from '../shared/request-ids.js';
import {
  ALL_BLOCKED,
  fullyBlocked,
  readAcl,
  readPolicy,
  readPublicAccessBlock,
  writePolicy,
  writePublicAccessBlock,
} from './bucket-access.js';
import { denyExceptions, principalArnOf, withDenyAllExcept } from './deny-policy.js';

/** A bucket to contain: `id` is the bucket name, `region` where it lives. */
export interface S3BucketTarget extends PlaybookTarget {
  /** With a value: also a bucket policy denying every principal but these (the responders). */
  denyAllExcept?: string[] | undefined;
}

const recordAccess: Step<S3BucketTarget> = {
  id: 'record-bucket-access',
  title: 'Record the bucket policy, ACL and public-access-block state as evidence',
  reads: ['target.id', 'target.region'],
  iamActions: ['s3:GetBucketPolicy', 's3:GetBucketAcl', 's3:GetBucketPublicAccessBlock'],
  idempotent: true,
  dependsOn: [],
  evidence: true,
  async plan(ctx) {
    return { willChange: true, summary: `record who can reach ${ctx.target.id}` };
  },
  async apply(ctx) {
    const { id, region } = ctx.target;
    const [policy, acl, publicAccessBlock] = await Promise.all([
      readPolicy(ctx.clients, region, id),
      readAcl(ctx.clients, region, id),
      readPublicAccessBlock(ctx.clients, region, id),
    ]);
    const record = toJson({ bucket: id, region, policy, acl, publicAccessBlock });
    return {
      output: record,
      evidence: [
        {
          kind: 'bucket-access',
          awsIds: [`arn:aws:s3:::${id}`],
          description: `policy, ACL (${acl.grants.length} grant(s)) and public-access block of ${id} before containment (in the journal output)`,
          sha256: createHash('sha256').update(JSON.stringify(record)).digest('hex'),
        },
      ],
    };
  },
  async verify() {
    return { ok: true, detail: 'bucket access recorded' };
  },
};

/** The responders for the deny statement: those given, plus garrison's own identity so release still works. */
async function responders(
  ctx: Parameters<Step<S3BucketTarget>['plan']>[0],
): Promise<{ arns: string[]; added?: string }> {
  const given = (ctx.target.denyAllExcept ?? []).map(principalArnOf);
  const me = await ctx.clients.client(STSClient).send(new GetCallerIdentityCommand({}));
  const mine = me.Arn ? principalArnOf(me.Arn) : undefined;
  if (!mine || given.includes(mine)) return { arns: given };
  return { arns: [...given, mine], added: mine };
}

const denyAllExcept: Step<S3BucketTarget> = {
  id: 'deny-all-except-responders',
  title: 'With --deny-all-except: a bucket policy denying everyone but the responders',
  reads: ['target.id', 'target.region', 'target.denyAllExcept'],
  iamActions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 'sts:GetCallerIdentity'],
  idempotent: true,
  // Before the public-access block: with BlockPublicPolicy on, AWS refuses a policy that still holds a public grant.
  dependsOn: ['record-bucket-access'],
  async plan(ctx) {
    if (!ctx.target.denyAllExcept?.length)
      return { willChange: false, summary: 'bucket policy left alone (no --deny-all-except)' };
    const { arns, added } = await responders(ctx);
    const policy = await readPolicy(ctx.clients, ctx.target.region, ctx.target.id);
    const current = denyExceptions(policy);
    if (current && current.join() === [...new Set(arns)].sort().join())
      return { willChange: false, summary: `already denied to all but ${current.join(', ')}` };
    return {
      willChange: true,
      summary: `deny every S3 action on ${ctx.target.id} to all but ${arns.join(', ')}`,
      before: { policy },
      change: { responders: arns },
      warnings: added
        ? [`garrison's own identity ${added} was added to the exceptions, so the change can be released`]
        : [],
    };
  },
  async apply(ctx, plan) {
    const { policy } = plan.before as { policy: string | null };
    const { responders: arns } = plan.change as { responders: string[] };
    await writePolicy(
      ctx.clients,
      ctx.target.region,
      ctx.target.id,
      withDenyAllExcept(policy, ctx.target.id, arns),
    );
    return {};
  },
  async verify(ctx) {
    if (!ctx.target.denyAllExcept?.length) return { ok: true, detail: 'not asked' };
    const current = denyExceptions(await readPolicy(ctx.clients, ctx.target.region, ctx.target.id));
    return {
      ok: !!current,
      detail: current ? `denied to all but ${current.join(', ')}` : "garrison's deny statement is missing",
    };
  },
  async undo(ctx, entry) {
    await writePolicy(
      ctx.clients,
      ctx.target.region,
      entry.target,
      (entry.before as { policy: string | null }).policy,
    );
    return {};
  },
  describeUndo: (entry) =>
    (entry.before as { policy: string | null }).policy
      ? 'put the recorded bucket policy back'
      : 'delete the bucket policy (there was none)',
};

const blockPublicAccess: Step<S3BucketTarget> = {
  id: 'block-public-access',
  title: 'Block all public access to the bucket',
  reads: ['target.id', 'target.region'],
  iamActions: ['s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
  idempotent: true,
  dependsOn: ['record-bucket-access', 'deny-all-except-responders'],
  async plan(ctx) {
    const current = await readPublicAccessBlock(ctx.clients, ctx.target.region, ctx.target.id);
    if (fullyBlocked(current)) return { willChange: false, summary: 'public access already blocked' };
    return {
      willChange: true,
      summary: `block public ACLs and policies on ${ctx.target.id}`,
      before: { publicAccessBlock: toJson(current) },
    };
  },
  async apply(ctx) {
    await writePublicAccessBlock(ctx.clients, ctx.target.region, ctx.target.id, ALL_BLOCKED);
    return {};
  },
  async verify(ctx) {
    const current = await readPublicAccessBlock(ctx.clients, ctx.target.region, ctx.target.id);
    return { ok: fullyBlocked(current), detail: `public-access block ${JSON.stringify(current)}` };
  },
  async undo(ctx, entry) {
    const before = (entry.before as { publicAccessBlock: PublicAccessBlockConfiguration | null })
      .publicAccessBlock;
    await writePublicAccessBlock(ctx.clients, ctx.target.region, entry.target, before);
    return {};
  },
  describeUndo: (entry) =>
    `restore the public-access block ${JSON.stringify((entry.before as { publicAccessBlock: unknown }).publicAccessBlock)}`,
};

export const s3BucketPlaybook: Playbook<S3BucketTarget> = {
  name: 's3-bucket',
  title: 'Contain an S3 bucket',
  steps: [recordAccess, denyAllExcept, blockPublicAccess].map(withRequestIds),
};
