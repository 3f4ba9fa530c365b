import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idsOf } from './event-ids.js';
import { hit } from './fixtures.test-data.js';
import { eventIds, LISTS } from './group.js';
import { HitGroups, listValues } from './hit-groups.js';
import { unpackGroups } from './partial.js';

const hits = Array.from({ length: 50 }, (_, i) =>
  hit({
    rules: i % 3 ? ['stop'] : ['stop', 'low'],
    time: new Date(Date.UTC(2026, 2, 14, 9, 0, 0) + i * 100_000).toISOString(),
    // CloudTrail's UUIDs travel as numbers, any other id as a string.
    eventId: i % 2 ? `e-${i}` : `0f1e2d3c-4b5a-4697-8877-${String(i).padStart(12, '0')}`,
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
      ids: eventIds(g),
    }));
    const partial = worker.drain();
    assert.ok(partial.strings.length < 50 * 5, 'strings are sent once per blob, not once per use');
    const back = [...unpackGroups(structuredClone(partial))].map(
      ({ idParts: _p, otherIds: _o, ...group }) => ({
        ...group,
        ids: idsOf({ idParts: _p, otherIds: _o }, group.times.length),
      }),
    );
    assert.ok(
      back.some((g) => g.ids.some((id) => id.startsWith('e-')) && g.ids.some((id) => id.length === 36)),
    );
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
