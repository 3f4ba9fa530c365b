import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hit } from './fixtures.test-data.js';
import { LISTS } from './group.js';
import { HitGroups, listValues } from './hit-groups.js';
import { unpackGroups } from './partial.js';

const hits = Array.from({ length: 50 }, (_, i) =>
  hit({
    rules: i % 3 ? ['stop'] : ['stop', 'low'],
    time: new Date(Date.UTC(2026, 2, 14, 9, 0, 0) + i * 100_000).toISOString(),
    eventId: `e-${i}`,
    sourceIp: `198.51.100.${i % 7}`,
  }),
);

describe('partial groups packed for another thread', () => {
  it('read back as they were, and a damaged pack is refused', () => {
    const worker = new HitGroups();
    for (const h of hits) worker.add(h);
    const before = [...worker.groups].map((g) => ({
      ...g,
      lists: LISTS.map((_, list) => listValues(g, list)),
    }));
    const partial = worker.drain();
    assert.ok(partial.strings.length < 50 * 5, 'strings are sent once per blob, not once per use');
    const back = [...unpackGroups(structuredClone(partial))];
    assert.deepEqual(
      back,
      before.map(({ ruleId, principal, resource, first, last, count, idsSeen, lists, times, ids }) => ({
        ruleId,
        principal,
        resource,
        first,
        last,
        count,
        idsSeen,
        lists,
        times,
        ids,
      })),
    );
    const short = { ...partial, numbers: partial.numbers.slice(0, -1) };
    assert.throws(() => [...unpackGroups(short)], /end too early/);
    const long = { ...partial, numbers: Float64Array.from([...partial.numbers, 0]) };
    assert.throws(() => [...unpackGroups(long)], /more than they say/);
    const dangling = { ...partial, strings: partial.strings.slice(0, 2) };
    assert.throws(() => [...unpackGroups(dangling)], /missing string/);
  });
});
