import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  asIdParts,
  compareIds,
  copyId,
  type IdParts,
  idAt,
  setIdAt,
  uuidOf,
  uuidParts,
} from './event-ids.js';
import { eventIds, type Group, keepEarliest, MAX_EVENT_IDS } from './group.js';

const order = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

/** UUIDs, edge UUIDs, and ids that only look like one. */
function mixedIds(): string[] {
  const uuids = Array.from({ length: 40 }, () => randomUUID());
  return [
    ...uuids,
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'ffffffff-ffff-ffff-ffff-fffffffffffe',
    (uuids[0] as string).toUpperCase(),
    (uuids[1] as string).replace(/-/g, ''),
    `${uuids[2]}x`,
    (uuids[3] as string).slice(0, 35),
    (uuids[4] as string).replace(/^./, 'g'),
    (uuids[5] as string).replace(/-/, '_'),
    'e-1',
    'e-10',
    'ffffffff',
    'évènement\u202e',
    '\uffff',
  ];
}

describe('event ids kept as numbers', () => {
  it('turn a lowercase UUID into three parts and back, and refuse anything else', () => {
    const parts = [0, 0, 0];
    for (const id of mixedIds()) {
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
      assert.equal(uuidParts(id, parts), uuid, id);
      if (uuid) {
        assert.ok(parts.every((p) => Number.isSafeInteger(p) && p >= 0));
        assert.equal(uuidOf(parts[0] as number, parts[1] as number, parts[2] as number), id);
      }
    }
  });

  it('compare as their strings do, UUIDs or not, and read back as they were set', () => {
    const all = mixedIds();
    const ids: IdParts = { idParts: [], otherIds: undefined };
    for (const [i, id] of all.entries()) setIdAt(ids, i, id);
    assert.deepEqual(
      all.map((_, i) => idAt(ids, i)),
      all,
    );
    for (let i = 0; i < all.length; i++)
      for (let j = 0; j < all.length; j++) {
        const expected = order(all[i] as string, all[j] as string);
        assert.equal(compareIds(ids, i, ids, j), expected, `${all[i]} vs ${all[j]}`);
        assert.equal(
          compareIds(ids, i, asIdParts(all[j] as string), 0),
          expected,
          `${all[i]} vs new ${all[j]}`,
        );
      }
  });

  it('copy an id onto itself as a no-op, and refuse an empty id', () => {
    const ids: IdParts = { idParts: [], otherIds: undefined };
    setIdAt(ids, 0, 'made-up');
    copyId(ids, 0, ids, 0);
    assert.equal(idAt(ids, 0), 'made-up');
    setIdAt(ids, 1, 'other');
    assert.deepEqual([idAt(ids, 0), idAt(ids, 1)], ['made-up', 'other']);
    assert.throws(() => setIdAt(ids, 2, ''), /empty event id/);
  });

  it('reuse the slot of a replaced id that was not a UUID, so replacing cannot grow memory', () => {
    const ids: IdParts = { idParts: [], otherIds: undefined };
    for (let round = 0; round < 1_000; round++)
      setIdAt(ids, round % 3, round % 2 ? randomUUID() : `made-up-${round}`);
    assert.ok((ids.otherIds?.length ?? 0) <= 3, `${ids.otherIds?.length} strings held for 3 ids`);
    assert.equal(ids.idParts.length, 9);
  });

  it('keep the earliest events (time, then id) whatever the arrival order and the kind of id', () => {
    const all = mixedIds();
    // Many events in the same second, as CloudTrail's second-precision times give.
    const events = Array.from({ length: 400 }, (_, n) => ({
      t: Date.UTC(2026, 2, 14, 9) + (n % 7) * 1000,
      id: n < all.length ? (all[n] as string) : `${randomUUID().slice(0, 30)}${String(n).padStart(6, '0')}`,
    }));
    const expected = [...events]
      .sort((a, b) => a.t - b.t || order(a.id, b.id))
      .slice(0, MAX_EVENT_IDS)
      .map((e) => e.id)
      .sort();
    for (const arrival of [events, [...events].reverse(), [...events].sort(() => Math.random() - 0.5)]) {
      const g = {
        times: [],
        idParts: [],
        otherIds: undefined,
        idsSeen: 0,
        shadowed: 0,
        eventsMax: -Infinity,
      };
      for (const e of arrival) keepEarliest(g as unknown as Group, e.t, asIdParts(e.id), 0);
      assert.deepEqual(eventIds(g as unknown as Group).sort(), expected);
      assert.equal(g.idsSeen, events.length);
    }
  });
});
