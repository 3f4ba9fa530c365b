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

  it('refuse an event id that is neither a UUID in range nor a string that exists and is not empty', () => {
    // One group (rule 'r', principal 'p', no resource, empty lists) with one event: time, then the id.
    const pack = (id: number[]) => ({
      windowMs: 3_600_000,
      groups: 1,
      strings: ['r', 'p', '', 'made-up'],
      numbers: Float64Array.from([0, 1, 2, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, ...id]),
    });
    const idOf = (id: number[]) => [...unpackGroups(pack(id))].map((g) => idsOf(g, g.times.length)[0]);
    assert.deepEqual(idOf([1, 2, 3]), ['00000000-0001-0000-0000-000200000003']);
    assert.deepEqual(idOf([-4, 0, 0]), ['made-up']);
    for (const bad of [
      [0.5, 0, 0],
      [2 ** 48, 0, 0],
      [0, Number.NaN, 0],
      [0, 0, 2 ** 32],
      [0, -1, 0],
      [-4, 1, 0],
      [-3, 0, 0],
      [-9, 0, 0],
      [Number.NEGATIVE_INFINITY, 0, 0],
    ])
      assert.throws(() => idOf(bad), /malformed event id|empty event id|missing string/, String(bad));
  });
});
