import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrailKeyState } from '../state/kms.js';
import type { AccountSnapshot } from '../state/snapshot.js';
import type { TrailState } from '../state/trails.js';
import { preparePolicy } from './policy.js';
import { type PrepareTarget, prepareSettings } from './settings.js';
import { trailGaps } from './trail.js';
import { trailKeyFor, trailKeyGaps } from './trail-key.js';
import { cloudTrailKeyPolicy } from './trail-key-policy.js';

const ACCOUNT = '123456789012';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/garrison`;
const ALIAS_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/garrison-cloudtrail`;
const GIVEN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/given`;

function target(options: { kmsKeyId?: string } = {}, trails: Partial<TrailState>[] = []): PrepareTarget {
  const snapshot = {
    accountId: ACCOUNT,
    regions: ['us-east-1'],
    trails: {
      ok: true,
      value: trails.map((t) => ({ name: 'garrison', arn: TRAIL_ARN, homeRegion: 'us-east-1', ...t })),
    },
  } as unknown as AccountSnapshot;
  return {
    id: ACCOUNT,
    region: 'us-east-1',
    account: ACCOUNT,
    settings: prepareSettings(ACCOUNT, options),
    snapshot,
  };
}

const goodKey = (over: Partial<TrailKeyState> = {}): TrailKeyState => ({
  keyId: 'alias/garrison-cloudtrail',
  found: true,
  arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`,
  keyState: 'Enabled',
  rotation: true,
  policy: JSON.stringify(cloudTrailKeyPolicy('aws', ACCOUNT, TRAIL_ARN)),
  ...over,
});
const rootOnly = JSON.stringify({
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*' }],
});

describe('prepare apply: the trail key', () => {
  it("creates garrison's key when the alias finds none, and the trail is then encrypted with its alias", () => {
    const t = target();
    t.keys = { garrison: { ok: true, value: { keyId: 'alias/garrison-cloudtrail', found: false } } };
    const [create] = trailKeyGaps({ key: { keyId: 'alias/garrison-cloudtrail', found: false } }, t);
    assert.equal(create?.kind, 'create-key');
    assert.match(
      create?.summary ?? '',
      /alias\/garrison-cloudtrail .*rotation on.*kms:GenerateDataKey\* for trail/,
    );
    assert.equal(trailKeyFor(t), ALIAS_ARN);
    assert.match(
      trailGaps(undefined, t)[0]?.summary ?? '',
      /encrypted with arn:aws:kms:us-east-1:123456789012:alias\/garrison-cloudtrail/,
    );
  });

  it('finds its key again by alias: nothing to plan; rotation turned off is turned back on', () => {
    const t = target();
    assert.deepEqual(trailKeyGaps({ key: goodKey() }, t), []);
    const [rotate] = trailKeyGaps({ key: goodKey({ rotation: false }) }, t);
    assert.equal(rotate?.kind, 'enable-rotation');
    assert.equal(rotate?.update, true);
  });

  it('leaves the key a trail already has; one CloudTrail cannot use is shown as a conflict, never changed', () => {
    const t = target({}, [{ kmsKeyId: GIVEN }]);
    assert.deepEqual(trailKeyGaps({ onTrail: GIVEN }, t), []);
    assert.deepEqual(trailKeyGaps({ onTrail: GIVEN, key: goodKey({ keyId: GIVEN }) }, t), []);
    const [conflict] = trailKeyGaps(
      { onTrail: GIVEN, key: goodKey({ keyId: GIVEN, keyState: 'Disabled' }) },
      t,
    );
    assert.equal(conflict?.conflict, true);
    assert.match(
      conflict?.summary ?? '',
      /^trail garrison: KMS key .* is Disabled.*CloudTrail cannot deliver/,
    );
  });

  it("its IAM actions reach `garrison policy prepare`, with the snapshot's key reads", () => {
    const actions = preparePolicy().Statement.flatMap((s) => s.Action);
    for (const a of [
      'kms:CreateKey',
      'kms:CreateAlias',
      'kms:EnableKeyRotation',
      'kms:GetKeyPolicy',
      'kms:DescribeKey',
    ])
      assert.ok(actions.includes(a), a);
  });

  it('a given key whose policy lacks CloudTrail is a conflict, not rewritten, and the trail keeps its encryption', () => {
    const t = target({ kmsKeyId: GIVEN });
    const key = goodKey({ keyId: GIVEN, policy: rootOnly });
    t.keys = { given: { ok: true, value: key } };
    const changes = trailKeyGaps({ given: GIVEN, key }, t);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]?.kind, 'key-conflict');
    assert.equal(changes[0]?.conflict, true);
    assert.match(
      changes[0]?.summary ?? '',
      /does not let CloudTrail encrypt .*garrison does not rewrite key policies/,
    );
    assert.equal(trailKeyFor(t), undefined);
    assert.doesNotMatch(trailGaps(undefined, t)[0]?.summary ?? '', /encrypted with/);
  });

  it('a missing or disabled given key, or a disabled garrison key, is a conflict too', () => {
    const t = target({ kmsKeyId: GIVEN });
    const missing = trailKeyGaps({ given: GIVEN, key: { keyId: GIVEN, found: false } }, t);
    assert.match(missing[0]?.summary ?? '', /does not exist/);
    const disabled = trailKeyGaps({ key: goodKey({ keyState: 'PendingDeletion' }) }, target());
    assert.equal(disabled[0]?.kind, 'key-conflict');
    assert.match(disabled[0]?.summary ?? '', /is PendingDeletion/);
  });

  it("a given key of another account, whose policy this account cannot read, is taken at the user's word", () => {
    const t = target({ kmsKeyId: GIVEN });
    const central = goodKey({ keyId: GIVEN, policy: undefined, policyUnreadable: 'access denied' });
    t.keys = { given: { ok: true, value: central } };
    assert.deepEqual(trailKeyGaps({ given: GIVEN, key: central }, t), []);
    assert.equal(trailKeyFor(t), GIVEN);
  });

  it('a given key that allows CloudTrail is used as it is', () => {
    const t = target({ kmsKeyId: GIVEN });
    t.keys = { given: { ok: true, value: goodKey({ keyId: GIVEN }) } };
    assert.deepEqual(trailKeyGaps({ given: GIVEN, key: goodKey({ keyId: GIVEN, rotation: false }) }, t), []);
    assert.equal(trailKeyFor(t), GIVEN);
  });
});
