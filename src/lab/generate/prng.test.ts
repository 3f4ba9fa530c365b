import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng, WeightedChoice } from './prng.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Prng('seed-1');
    const b = new Prng('seed-1');
    const c = new Prng('seed-2');
    const seqA = Array.from({ length: 50 }, () => a.u32());
    const seqB = Array.from({ length: 50 }, () => b.u32());
    const seqC = Array.from({ length: 50 }, () => c.u32());
    assert.deepEqual(seqA, seqB);
    assert.notDeepEqual(seqA, seqC);
    assert.notEqual(new Prng(1).u32(), new Prng('1x').u32());
  });

  it('keeps numbers in range', () => {
    const p = new Prng(3);
    for (let i = 0; i < 5000; i++) {
      const f = p.next();
      assert.ok(f >= 0 && f < 1);
      const n = p.between(3, 7);
      assert.ok(n >= 3 && n <= 7 && Number.isInteger(n));
    }
    const seen = new Set(Array.from({ length: 2000 }, () => p.between(3, 7)));
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
  });

  it('makes version-4 UUIDs, hex and characters from the alphabet asked', () => {
    const p = new Prng(9);
    const uuids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = p.uuid();
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      uuids.add(id);
    }
    assert.equal(uuids.size, 1000);
    assert.match(p.hex(5), /^[0-9a-f]{10}$/);
    assert.match(p.chars(17), /^[A-Z2-7]{17}$/);
    assert.match(p.chars(13, 'ab'), /^[ab]{13}$/);
    assert.equal(p.chars(0), '');
  });

  it('forks independent but reproducible streams', () => {
    const x = new Prng(5).fork('region');
    const y = new Prng(5).fork('region');
    assert.equal(x.uuid(), y.uuid());
    assert.notEqual(new Prng(5).fork('a').uuid(), new Prng(5).fork('b').uuid());
  });

  it('refuses to pick from nothing', () => {
    assert.throws(() => new Prng(1).pick([]), RangeError);
    assert.throws(() => new WeightedChoice<string>([['a', 0]]), RangeError);
  });

  it('draws weighted choices in proportion', () => {
    const p = new Prng(11);
    const choice = new WeightedChoice([
      ['rare', 1],
      ['common', 9],
    ] as const);
    let common = 0;
    for (let i = 0; i < 10_000; i++) if (choice.draw(p) === 'common') common++;
    assert.ok(common > 8700 && common < 9300, `common drawn ${common} times`);
  });
});
