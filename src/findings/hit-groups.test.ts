import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hit } from '../detect/engine/hit.js';
import { hit, info } from './fixtures.test-data.js';
import { FindingGrouper } from './grouping.js';
import { HitGroups, LIST_CAPS, MAX_EVENT_IDS } from './hit-groups.js';

const rules = new Map([
  ['stop', info('stop', 'high')],
  ['low', info('low', 'low')],
]);

/** A stream with more values than the caps, more events than MAX_EVENT_IDS, ties, two rules and two windows. */
function stream(): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < 900; i++)
    hits.push(
      hit({
        rules: i % 3 ? ['stop'] : ['stop', 'low'],
        // Seconds repeat (ties at the same second) and run over three hours.
        time: new Date(Date.UTC(2026, 2, 14, 9, 0, 0) + ((i * 7919) % 450) * 24_000).toISOString(),
        eventId: `e-${(i * 104729) % 900}`,
        sourceIp: `198.51.100.${i % 40}`,
        userAgent: `agent-${i % 9}`,
        resources: [`arn:aws:s3:::bucket-${i % 2}/object-${i % 30}`],
        eventName: `Call${i % 25}`,
        ...(i % 50 === 0 ? { related: [`r-${i}`] } : {}),
      }),
    );
  return hits;
}

/** What grouping a stream gives when the hits are split into blobs grouped apart, then absorbed. */
function viaPartials(hits: Hit[], blobs: number, into = new FindingGrouper(rules)): FindingGrouper {
  const size = Math.ceil(hits.length / blobs);
  for (let start = 0; start < hits.length; start += size) {
    const worker = new HitGroups(into.windowMs);
    for (const h of hits.slice(start, start + size)) worker.add(h);
    into.absorb(structuredClone(worker.drain()));
  }
  return into;
}

function direct(hits: Hit[]): FindingGrouper {
  const g = new FindingGrouper(rules);
  for (const h of hits) g.add(h);
  return g;
}

describe('hits grouped apart (in scan workers) and merged', () => {
  it('give exactly the findings of grouping every hit in one place', () => {
    const hits = stream();
    const expected = direct(hits).findings();
    assert.ok(expected.some((f) => f.event_ids_truncated && f.source_ips.length === LIST_CAPS.ips));
    for (const blobs of [1, 2, 7, 900]) assert.deepEqual(viaPartials(hits, blobs).findings(), expected);
  });
  it('keep the same earliest event ids whatever the arrival order, ties at one second broken by id', () => {
    const tied = Array.from({ length: 150 }, (_, i) =>
      hit({ eventId: `e-${String(i).padStart(3, '0')}`, time: '2026-03-14T09:00:00Z' }),
    );
    const forward = direct(tied).findings()[0];
    const backward = direct([...tied].reverse()).findings()[0];
    assert.equal(forward?.event_ids.length, MAX_EVENT_IDS);
    assert.deepEqual(forward?.event_ids, backward?.event_ids);
    assert.equal(forward?.event_ids.at(-1), 'e-099');
    assert.equal(forward?.event_ids_truncated, true);
    for (const blobs of [1, 4])
      assert.deepEqual(viaPartials([...tied].reverse(), blobs).findings()[0], forward);
  });
  it('mix with hits added directly (stateful detections in the main thread)', () => {
    const hits = stream();
    const g = viaPartials(hits.slice(0, 500), 3);
    for (const h of hits.slice(500)) g.add(h);
    assert.deepEqual(g.findings(), direct(hits).findings());
  });
  it('drain empties the worker side, so each blob is sent once', () => {
    const worker = new HitGroups();
    worker.add(hit());
    assert.equal(worker.drain().groups.length, 1);
    assert.deepEqual(worker.drain().groups, []);
  });
  it('refuse partial groups built with another window, and skip unknown rules and bad times', () => {
    const worker = new HitGroups(30 * 60_000);
    worker.add(hit());
    assert.throws(() => new FindingGrouper(rules).absorb(worker.drain()), /1800000 ms window/);
    const other = new HitGroups();
    other.add(hit({ rules: ['nope'] }));
    other.add(hit({ time: 'yesterday' }));
    const partial = other.drain();
    assert.equal(partial.groups.length, 1);
    const g = new FindingGrouper(rules);
    g.absorb(partial);
    assert.deepEqual(g.findings(), []);
  });
});
