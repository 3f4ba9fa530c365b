import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busyness } from './region-trail.js';
import { SessionBook } from './sessions.js';

const HOUR = 3_600_000;
const T = Date.parse('2026-11-19T09:00:00Z');

describe('SessionBook', () => {
  it('gives a principal one key per session lifetime, renewed at a phase of its own', () => {
    const book = new SessionBook('s');
    const first = book.get('sso:dana', T, 8 * HOUR);
    assert.match(first.key, /^ASIA[A-Z2-7]{9}EXAMPLE$/);
    assert.ok(first.creationMs <= T && T - first.creationMs < 8 * HOUR);
    assert.deepEqual(book.get('sso:dana', first.creationMs + 8 * HOUR - 1, 8 * HOUR), first);
    const next = book.get('sso:dana', first.creationMs + 8 * HOUR, 8 * HOUR);
    assert.notEqual(next.key, first.key);
    assert.equal(next.creationMs, first.creationMs + 8 * HOUR);
    assert.notEqual(book.get('sso:bruno', T, 8 * HOUR).key, first.key);
    assert.match(book.get('user', T, HOUR, 'AKIA').key, /^AKIA/);
  });

  it('agrees with another book of the same seed whatever order they are asked in', () => {
    const a = new SessionBook('seed');
    const b = new SessionBook('seed');
    const times = [0, 5, 1, 9, 3].map((h) => T + h * HOUR);
    const fromA = times.map((t) => a.get('i-0abc', t, 6 * HOUR));
    const fromB = [...times]
      .reverse()
      .map((t) => b.get('i-0abc', t, 6 * HOUR))
      .reverse();
    assert.deepEqual(fromA, fromB);
    assert.notDeepEqual(new SessionBook('other').get('i-0abc', T, 6 * HOUR), fromA[0]);
  });

  it('uses adopted credentials for their lifetime only', () => {
    const book = new SessionBook('s');
    const stolen = { key: 'ASIASTOLENKEY0EXAMPLE', creationMs: T };
    book.adopt('i-0victim', stolen, 6 * HOUR);
    assert.equal(book.get('i-0victim', T - 1, 6 * HOUR).key === stolen.key, false, 'not before delivery');
    assert.equal(book.get('i-0victim', T + HOUR, 6 * HOUR).key, stolen.key);
    assert.notEqual(book.get('i-0victim', T + 6 * HOUR, 6 * HOUR).key, stolen.key, 'not after expiry');
  });
});

describe('busyness', () => {
  it('follows the working day: quiet at night, busiest early afternoon', () => {
    const at = (h: number) => busyness(Date.parse('2026-11-19T00:00:00Z') + h * HOUR);
    assert.equal(at(3), 0.25);
    assert.ok(at(13) > 0.99);
    assert.ok(at(9) > at(7) && at(9) < at(13));
    for (let h = 0; h < 24; h += 0.5) assert.ok(at(h) >= 0.25 && at(h) <= 1);
  });
});
