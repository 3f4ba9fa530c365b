import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMap } from './bounded.js';

describe('BoundedMap', () => {
  it('forgets the least recently used key first', () => {
    const m = new BoundedMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    assert.equal(m.get('a'), 1); // a is now the newest: b is the oldest
    assert.equal(m.get('a'), 1); // asked twice in a row: still the newest
    m.set('d', 4);
    assert.deepEqual(
      [...m.entries()],
      [
        ['c', 3],
        ['a', 1],
        ['d', 4],
      ],
    );
    assert.equal(m.has('b'), false);
  });
  it('keeps the order right after the newest key is deleted or replaced', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    m.delete('b');
    m.set('b', 3);
    assert.equal(m.get('a'), 1);
    m.set('c', 4);
    assert.deepEqual(
      [...m.entries()],
      [
        ['a', 1],
        ['c', 4],
      ],
    );
    assert.equal(
      m.upsert('a', () => 9),
      1,
    );
    m.set('d', 5);
    assert.deepEqual(
      [...m.entries()].map(([k]) => k),
      ['a', 'd'],
    );
  });
  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new BoundedMap(0), RangeError);
  });
});
