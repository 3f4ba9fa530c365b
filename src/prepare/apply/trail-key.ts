import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { GarrisonError } from '../../errors.js';
import { cloudTrailKeyPolicyProblems } from '../state/key-policy.js';
import { keyUnusable, readTrailKey, type TrailKeyState } from '../state/kms.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import { type PrepareTarget, partitionOf, trailLayout } from './settings.js';
import { cloudTrailKeyPolicy } from './trail-key-policy.js';

export const GARRISON_KEY_ALIAS = 'alias/garrison-cloudtrail';

/** garrison's key by alias ARN: known before it exists, so the trail step needs no output of this one. */
export function garrisonKeyArn(target: PrepareTarget): string {
  const region = trailLayout(target).trailRegion;
  return `arn:${partitionOf(region)}:kms:${region}:${target.account}:${GARRISON_KEY_ALIAS}`;
}

/** Why CloudTrail could not use `key` for the trail (undefined: it can). */
function keyConflict(key: TrailKeyState, trailArn: string): string | undefined {
  const unusable = keyUnusable(key);
  if (unusable) return unusable;
  // A key whose policy this account cannot read (another account's) is the user's word: not a conflict.
  if (key.policyUnreadable) return undefined;
  const problems = cloudTrailKeyPolicyProblems(key.policy, trailArn);
  if (problems.length === 0) return undefined;
  return `the policy of KMS key ${key.arn ?? key.keyId} does not let CloudTrail encrypt (${problems.join('; ')}); garrison does not rewrite key policies: add the statements of "Configure AWS KMS key policies for CloudTrail"`;
}

/**
 * The key the trail step sets: the given one, else garrison's own, unless what was read of it shows
 * CloudTrail cannot use it (then the trail keeps its encryption; the trail-key step shows the conflict).
 */
export function trailKeyFor(target: PrepareTarget): string | undefined {
  const given = target.settings.kmsKeyId;
  const observed = given ? target.keys?.given : target.keys?.garrison;
  const wanted = given ?? garrisonKeyArn(target);
  if (!observed?.ok) return wanted;
  if (!given && !observed.value.found) return wanted;
  return keyConflict(observed.value, trailLayout(target).trailArn) ? undefined : wanted;
}

interface KeyPlanState {
  /** The key the trail already uses: never changed, only shown as a conflict when CloudTrail cannot use it. */
  onTrail?: string;
  given?: string;
  key?: TrailKeyState;
}

/** What to do about the trail's key: create garrison's, turn its rotation on, or show a conflict. */
export function trailKeyGaps(state: KeyPlanState, target: PrepareTarget): Change[] {
  const { key, given } = state;
  const layout = trailLayout(target);
  if (state.onTrail) {
    const conflict = key && keyConflict(key, layout.trailArn);
    return conflict
      ? [
          {
            kind: 'key-conflict',
            update: true,
            conflict: true,
            summary: `trail ${layout.trailName}: ${conflict}; CloudTrail cannot deliver its logs until the key is fixed`,
          },
        ]
      : [];
  }
  if (!key) return [];
  const region = layout.trailRegion;
  if (!key.found && !given) {
    return [
      {
        kind: 'create-key',
        region,
        summary: `create KMS key ${GARRISON_KEY_ALIAS} in ${region} (rotation on; the account administers it, cloudtrail.amazonaws.com may kms:GenerateDataKey* for trail ${layout.trailArn} and kms:DescribeKey, principals of ${target.account} may decrypt the logs)`,
      },
    ];
  }
  const conflict = keyConflict(key, layout.trailArn);
  if (conflict)
    return [
      {
        kind: 'key-conflict',
        update: true,
        conflict: true,
        summary: `${conflict}; the trail stays on its current encryption`,
      },
    ];
  if (!given && key.rotation === false)
    return [
      {
        kind: 'enable-rotation',
        update: true,
        region,
        summary: `KMS key ${GARRISON_KEY_ALIAS}: turn on yearly rotation`,
      },
    ];
  return [];
}

async function makeKey(target: PrepareTarget, kms: KMSClient, changes: Change[]): Promise<string[]> {
  const ids: string[] = [];
  const layout = trailLayout(target);
  for (const c of changes) {
    if (c.kind === 'create-key') {
      const policy = cloudTrailKeyPolicy(partitionOf(layout.trailRegion), target.account, layout.trailArn);
      const created = await kms.send(
        new CreateKeyCommand({
          Description: `garrison: encrypts the logs of CloudTrail trail ${layout.trailName}`,
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          Policy: JSON.stringify(policy),
          Tags: [{ TagKey: 'garrison:purpose', TagValue: 'prepare' }],
        }),
      );
      const keyId = created.KeyMetadata?.KeyId;
      if (!keyId) throw new GarrisonError('aws', 'kms:CreateKey answered without a key id');
      const rotation = await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
      const alias = await kms.send(
        new CreateAliasCommand({ AliasName: GARRISON_KEY_ALIAS, TargetKeyId: keyId }),
      );
      ids.push(...idsOf(created, rotation, alias));
    } else if (c.kind === 'enable-rotation') {
      const key = await kms.send(new DescribeKeyCommand({ KeyId: GARRISON_KEY_ALIAS }));
      ids.push(
        ...idsOf(key, await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata?.KeyId }))),
      );
    }
  }
  return ids;
}

export const trailKeyStep = prepareStep<KeyPlanState>({
  id: 'trail-key',
  title: 'A KMS key for the trail, whose policy lets CloudTrail encrypt and the account decrypt',
  iamActions: [
    'kms:DescribeKey',
    'kms:GetKeyPolicy',
    'kms:GetKeyRotationStatus',
    'kms:CreateKey',
    'kms:TagResource',
    'kms:EnableKeyRotation',
    'kms:CreateAlias',
  ],
  async observe(ctx, fresh) {
    const target = ctx.target;
    const layout = trailLayout(target);
    const onTrail = layout.trail?.kmsKeyId;
    if (onTrail) {
      const seen = fresh ? undefined : target.snapshot.trailKeys?.[onTrail];
      if (seen && !seen.ok) return { onTrail };
      const key = seen?.ok
        ? seen.value
        : await readTrailKey(ctx.clients, onTrail, layout.trailRegion).catch(() => undefined);
      return { onTrail, ...(key ? { key } : {}) };
    }
    const given = target.settings.kmsKeyId;
    const keyId = given ?? GARRISON_KEY_ALIAS;
    const observed = fresh ? undefined : given ? target.keys?.given : target.keys?.garrison;
    if (observed && !observed.ok) throw new GarrisonError('aws', observed.error);
    const key = observed?.ok ? observed.value : await readTrailKey(ctx.clients, keyId, layout.trailRegion);
    return { ...(given ? { given } : {}), key };
  },
  gaps: (state, ctx) => trailKeyGaps(state, ctx.target),
  make: (ctx, changes) =>
    makeKey(ctx.target, ctx.clients.client(KMSClient, trailLayout(ctx.target).trailRegion), changes),
  ready: (s) =>
    s.onTrail
      ? `the trail encrypts with ${s.onTrail} (its key policy is left as it is)`
      : `KMS key ${s.key?.arn ?? s.given ?? GARRISON_KEY_ALIAS} is enabled and its policy allows CloudTrail`,
  warnings: (changes) =>
    changes.some((c) => c.conflict)
      ? ['the trail cannot be encrypted with this key until its policy allows CloudTrail']
      : [],
});
