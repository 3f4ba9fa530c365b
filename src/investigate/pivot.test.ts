import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrailRecord } from '../trail/record.js';
import { actionKind } from './actions.js';
import { followCredentials } from './chain.js';
import { loadDetector } from './detections.js';
import { pivotReport } from './pivot.js';
import {
  ALICE_KEY,
  BACKDOOR_KEY,
  BOB_KEY,
  HOSTILE_AGENT,
  ROLE_KEY,
  scenario,
  TOKEN_KEY,
} from './scenario.test-data.js';
import { selects } from './selection.js';

function rowsFor(keys: string[], users: string[]): TrailRecord[] {
  return scenario()
    .map((record, index) => ({ record, origin: { source: 'scenario', index } }))
    .filter((r) => selects(r.record, { accessKeys: keys, users }));
}

describe('pivot', () => {
  it('answers every hop of the access key → role → user → key scenario', async () => {
    const records = scenario();
    const seed = { accessKeys: [ALICE_KEY] };
    const chain = followCredentials(records, seed);
    const rows = rowsFor(chain.keys, chain.users);
    const report = pivotReport(seed, rows, chain, await loadDetector());
    assert.deepEqual(
      report.identities.map((i) => [i.value, i.accessKeys.join(' ')]),
      [
        ['arn:aws:iam::111122223333:user/alice', ALICE_KEY],
        ['arn:aws:sts::111122223333:assumed-role/admin/pwn', ROLE_KEY],
        ['arn:aws:iam::111122223333:user/backdoor', [BACKDOOR_KEY, TOKEN_KEY].join(' ')],
      ],
    );
    assert.deepEqual(
      report.sessions.map((s) => s.accessKeyId),
      [ROLE_KEY, BACKDOOR_KEY, TOKEN_KEY],
    );
    assert.deepEqual(report.createdUsers, ['backdoor']);
    assert.deepEqual(
      report.sourceIps.map((s) => [s.value, s.first, s.last, s.count]),
      [
        ['203.0.113.7', '2026-11-19T10:00:00Z', '2026-11-19T10:06:00Z', 3],
        ['192.0.2.44', '2026-11-19T14:00:00Z', '2026-11-19T14:10:00Z', 5],
      ],
    );
    assert.ok(report.userAgents.some((u) => u.value === HOSTILE_AGENT));
    assert.deepEqual(
      report.resources.created.map((r) => [r.value, r.events.join(' ')]),
      [['arn:aws:iam::111122223333:user/backdoor', 'iam:CreateAccessKey iam:CreateUser']],
    );
    assert.deepEqual(
      report.resources.deleted.map((r) => r.value),
      ['arn:aws:cloudtrail:us-east-1:111122223333:trail/main'],
    );
    assert.deepEqual(
      report.failedCalls.map((f) => [f.errorCode, f.value]),
      [['AccessDenied', 's3:GetObject']],
    );
    assert.ok(
      !report.resources.read.some((r) => r.value.includes('customer-exports')),
      'a failed read is not blast radius',
    );
    assert.ok(report.detections.some((d) => d.value === 'garrison-aws-cloudtrail-deleted'));
    assert.ok(
      report.services.some((s) => s.value === 'signin'),
      'the console sign-in of the created user is followed',
    );
    assert.equal(report.window.events, 8);
    assert.ok(!report.identities.some((i) => i.accessKeys.includes(BOB_KEY)));
  });

  it('sorts calls into read, created, changed and deleted', () => {
    assert.equal(actionKind({ eventName: 'GetObject', readOnly: true }), 'read');
    assert.equal(actionKind({ eventName: 'DescribeInstances', readOnly: undefined }), 'read');
    assert.equal(actionKind({ eventName: 'CreateUser', readOnly: false }), 'created');
    assert.equal(actionKind({ eventName: 'RunInstances', readOnly: false }), 'created');
    assert.equal(actionKind({ eventName: 'DeleteTrail', readOnly: false }), 'deleted');
    assert.equal(actionKind({ eventName: 'StopLogging', readOnly: false }), 'deleted');
    assert.equal(actionKind({ eventName: 'PutBucketPolicy', readOnly: false }), 'changed');
    assert.equal(actionKind({ eventName: 'AttachUserPolicy', readOnly: undefined }), 'changed');
    assert.equal(actionKind({ eventName: 'GetSecretValue', readOnly: true }), 'read');
  });
});
