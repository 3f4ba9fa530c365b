import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloudTrailKeyPolicy } from '../../apply/trail-key-policy.js';
import type { TrailKeyState } from '../../state/kms.js';
import type { Observed } from '../../state/observe.js';
import type { AccountSnapshot } from '../../state/snapshot.js';
import type { TrailState } from '../../state/trails.js';
import check from './index.js';

const ACCOUNT = '111122223333';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`;

function snapshot(
  key: Observed<TrailKeyState> | undefined,
  trail: Partial<TrailState> = {},
): AccountSnapshot {
  const t = {
    name: 'management',
    arn: TRAIL_ARN,
    homeRegion: 'us-east-1',
    multiRegion: true,
    logging: true,
    kmsKeyId: KEY,
    ...trail,
  };
  return {
    trails: { ok: true, value: [t] },
    trailKeys: key ? { [KEY]: key } : {},
  } as unknown as AccountSnapshot;
}

const key = (over: Partial<TrailKeyState> = {}): Observed<TrailKeyState> => ({
  ok: true,
  value: {
    keyId: KEY,
    found: true,
    arn: KEY,
    keyState: 'Enabled',
    policy: JSON.stringify(cloudTrailKeyPolicy('aws', ACCOUNT, TRAIL_ARN)),
    ...over,
  },
});

describe('check cloudtrail-kms-encryption', () => {
  it('passes on an enabled key whose policy lets CloudTrail encrypt this trail', () => {
    const [outcome] = check.run(snapshot(key()));
    assert.equal(outcome?.status, 'pass');
    assert.match(outcome?.detail ?? '', /whose policy allows CloudTrail/);
  });

  it('fails a trail on S3-managed encryption', () => {
    const [outcome] = check.run(snapshot(undefined, { kmsKeyId: undefined }));
    assert.deepEqual(
      [outcome?.status, outcome?.detail],
      ['fail', 'trail management uses S3-managed encryption only'],
    );
  });

  it('fails a key that does not exist or is disabled, saying CloudTrail cannot deliver', () => {
    const [missing] = check.run(snapshot(key({ found: false })));
    assert.equal(missing?.status, 'fail');
    assert.match(missing?.detail ?? '', /KMS key .*key\/k does not exist: CloudTrail cannot deliver/);
    const [disabled] = check.run(snapshot(key({ keyState: 'Disabled' })));
    assert.match(disabled?.detail ?? '', /is Disabled/);
  });

  it('fails a key whose policy does not allow CloudTrail, naming what is missing', () => {
    const foreign = cloudTrailKeyPolicy(
      'aws',
      ACCOUNT,
      `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/other`,
    );
    const [outcome] = check.run(snapshot(key({ policy: JSON.stringify(foreign) })));
    assert.equal(outcome?.status, 'fail');
    assert.match(
      outcome?.detail ?? '',
      /does not let CloudTrail encrypt its logs \(no statement allows .*kms:GenerateDataKey/,
    );
    const [broken] = check.run(snapshot(key({ policy: '{"Statement":' })));
    assert.match(broken?.detail ?? '', /not valid JSON/);
  });

  it('a key that could not be read is an error, not a fail', () => {
    const [outcome] = check.run(snapshot({ ok: false, error: 'kms:DescribeKey: access denied' }));
    assert.equal(outcome?.status, 'error');
    assert.match(outcome?.detail ?? '', /access denied/);
    const [unread] = check.run(snapshot(undefined));
    assert.equal(unread?.status, 'error');
    const central = key({ policy: undefined, policyUnreadable: 'kms:GetKeyPolicy: access denied' });
    const [elsewhere] = check.run(snapshot(central));
    assert.equal(elsewhere?.status, 'error');
    assert.match(
      elsewhere?.detail ?? '',
      /cannot be read from this account .*check it in the key's own account/,
    );
  });
});
