import { cloudTrailKeyPolicyProblems } from '../../state/key-policy.js';
import { keyUnusable } from '../../state/kms.js';
import type { AccountSnapshot } from '../../state/snapshot.js';
import type { TrailState } from '../../state/trails.js';
import { type CheckOutcome, defineCheck, GLOBAL } from '../define.js';
import { activeTrails, names, noActiveTrail } from '../trail-helpers.js';

type KeyVerdict = { ok: true; detail: string } | { ok: false; detail: string; error?: boolean };

/** Whether the trail's key exists, is enabled and lets CloudTrail encrypt for this trail. */
export function trailKeyVerdict(snapshot: AccountSnapshot, trail: TrailState): KeyVerdict {
  const keyId = trail.kmsKeyId;
  if (!keyId) return { ok: false, detail: `trail ${trail.name} uses S3-managed encryption only` };
  const observed = snapshot.trailKeys?.[keyId];
  if (!observed) return { ok: false, error: true, detail: `trail ${trail.name}: key ${keyId} was not read` };
  if (!observed.ok) return { ok: false, error: true, detail: `trail ${trail.name}: ${observed.error}` };
  const key = observed.value;
  const unusable = keyUnusable(key);
  if (unusable) return { ok: false, detail: `trail ${trail.name}: ${unusable}` };
  if (key.policyUnreadable)
    return {
      ok: false,
      error: true,
      detail: `trail ${trail.name}: the policy of KMS key ${key.arn ?? keyId} cannot be read from this account (${key.policyUnreadable}); check it in the key's own account`,
    };
  const problems = cloudTrailKeyPolicyProblems(key.policy, trail.arn);
  if (problems.length > 0)
    return {
      ok: false,
      detail: `trail ${trail.name}: the policy of KMS key ${key.arn ?? keyId} does not let CloudTrail encrypt its logs (${problems.join('; ')})`,
    };
  return {
    ok: true,
    detail: `trail ${trail.name} encrypts with ${key.arn ?? keyId}, whose policy allows CloudTrail`,
  };
}

function run(snapshot: AccountSnapshot): CheckOutcome[] {
  const trails = snapshot.trails;
  if (!trails.ok) return [{ region: GLOBAL, status: 'error', detail: trails.error }];
  const active = activeTrails(trails.value);
  if (active.length === 0) return [noActiveTrail(trails.value)];
  const verdicts = active.map((t) => ({ trail: t, verdict: trailKeyVerdict(snapshot, t) }));
  const good = verdicts.find((v) => v.verdict.ok);
  if (good) return [{ region: good.trail.homeRegion, status: 'pass', detail: good.verdict.detail }];
  const region = active[0]?.homeRegion ?? GLOBAL;
  if (verdicts.every((v) => !v.verdict.ok && !v.trail.kmsKeyId))
    return [{ region, status: 'fail', detail: `trail ${names(active)} uses S3-managed encryption only` }];
  const detail = verdicts.map((v) => v.verdict.detail).join('; ');
  const unread = verdicts.every((v) => !v.verdict.ok && (v.verdict.error || !v.trail.kmsKeyId));
  return [{ region, status: unread ? 'error' : 'fail', detail }];
}

export default defineCheck(
  {
    id: 'cloudtrail-kms-encryption',
    title: 'Trail logs are encrypted with a KMS key CloudTrail may use',
    severity: 'medium',
    whyItMatters:
      'With SSE-KMS, reading the logs needs kms:Decrypt as well as s3:GetObject, so a leaked bucket permission alone does not expose the record of what the responders saw; a key that is disabled or whose policy shuts CloudTrail out stops log delivery altogether.',
    remediation:
      'garrison prepare apply --apply (creates alias/garrison-cloudtrail with the policy CloudTrail needs), or aws cloudtrail update-trail --name <trail> --kms-key-id <key arn> after adding the CloudTrail statements to that key policy',
    controls: ['CIS 3.7', 'CloudTrail.2'],
  },
  run,
);
