import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsErrorCode, isMissing } from './aws-errors.js';
import { mapBounded } from './concurrency.js';
import { revokePolicyDocument } from './revoke-sessions.js';

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });

  it('attempts every item even when some fail, then reports the failures', async () => {
    const done: number[] = [];
    await assert.rejects(
      mapBounded([1, 2, 3, 4], 2, async (n) => {
        if (n % 2 === 0) throw new Error(`bad ${n}`);
        done.push(n);
      }),
      (error: AggregateError) => error.errors.length === 2 && /2 of 4/.test(error.message),
    );
    assert.deepEqual(done.sort(), [1, 3]);
    await assert.rejects(
      mapBounded([1], 3, async () => Promise.reject(new Error('only'))),
      /only/,
    );
  });
});

describe('AWS error codes', () => {
  it('reads name or Code, and knows the not-found family', () => {
    assert.equal(awsErrorCode(Object.assign(new Error('x'), { name: 'NoSuchEntity' })), 'NoSuchEntity');
    assert.equal(awsErrorCode({ Code: 'InvalidGroup.NotFound' }), 'InvalidGroup.NotFound');
    assert.equal(awsErrorCode(new Error('plain')), undefined);
    assert.equal(awsErrorCode('string'), undefined);
    assert.ok(isMissing({ name: 'NoSuchBucketPolicy' }));
    assert.ok(isMissing({ name: 'InvalidAssociationID.NotFound' }));
    assert.ok(!isMissing({ name: 'AccessDenied' }));
    assert.ok(isMissing({ name: 'Gone' }, 'Gone'));
  });
});

describe('revokePolicyDocument', () => {
  it('denies everything to sessions issued before the given time, and nothing else', () => {
    const doc = JSON.parse(revokePolicyDocument(new Date('2026-11-27T10:00:00Z')));
    assert.deepEqual(doc.Statement, [
      {
        Sid: 'GarrisonRevokeOlderSessions',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-11-27T10:00:00.000Z' } },
      },
    ]);
  });
});
