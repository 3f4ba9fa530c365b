import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hit } from '../detect/engine/hit.js';
import type { Finding } from './finding.js';
import { hit, info } from './fixtures.test-data.js';
import { FindingGrouper } from './grouping.js';
import { DEFAULT_WINDOW_MS, groupingResource, HitGroups, LIST_CAPS, MAX_EVENT_IDS } from './hit-groups.js';

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

/**
 * The findings as specified, without bounds along the way: per rule × principal × resource, fixed
 * windows merged while less than a window apart; each list the first distinct values (earlier
 * windows first, arrival order within one), capped; the earliest 100 event ids by time then id.
 */
function reference(hits: Hit[], windowMs = DEFAULT_WINDOW_MS) {
  const windows = new Map<string, { key: string; first: number; last: number; hits: Hit[] }>();
  for (const h of hits)
    for (const rule of h.rules) {
      const t = Date.parse(h.time);
      const key = `${rule}|${h.principal}|${groupingResource(h.resources[0])}`;
      const at = `${key}|${Math.floor(t / windowMs)}`;
      const w = windows.get(at) ?? { key, first: t, last: t, hits: [] };
      w.first = Math.min(w.first, t);
      w.last = Math.max(w.last, t);
      w.hits.push(h);
      windows.set(at, w);
    }
  const chains: { key: string; last: number; hits: Hit[] }[] = [];
  for (const w of [...windows.values()].sort((a, b) => a.key.localeCompare(b.key) || a.first - b.first)) {
    const chain = chains.at(-1);
    if (chain?.key === w.key && w.first - chain.last <= windowMs) {
      chain.hits.push(...w.hits);
      chain.last = Math.max(chain.last, w.last);
    } else chains.push({ ...w, hits: [...w.hits] });
  }
  const firstOf = (values: (string | undefined)[], cap: number) =>
    [...new Set(values.filter((v): v is string => !!v))].slice(0, cap);
  return chains
    .map(({ hits: c }) => {
      const events = c
        .flatMap((h) => [h.eventId, ...(h.related ?? [])].map((id) => ({ t: Date.parse(h.time), id })))
        .filter((e): e is { t: number; id: string } => !!e.id)
        .sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return {
        count: c.length,
        source_ips: firstOf(
          c.map((h) => h.sourceIp),
          LIST_CAPS.ips,
        ),
        user_agents: firstOf(
          c.map((h) => h.userAgent),
          LIST_CAPS.agents,
        ),
        resources: firstOf(
          c.flatMap((h) => h.resources),
          LIST_CAPS.resources,
        ),
        event_ids: events
          .slice(0, MAX_EVENT_IDS)
          .map((e) => e.id)
          .sort(),
        event_ids_truncated: events.length > MAX_EVENT_IDS,
      };
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The parts of findings the reference gives, in one order. */
function comparable(findings: Finding[]) {
  return findings
    .map((f) => ({
      count: f.count,
      source_ips: f.source_ips,
      user_agents: f.user_agents,
      resources: f.resources,
      event_ids: [...f.event_ids].sort(),
      event_ids_truncated: f.event_ids_truncated,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function direct(hits: Hit[]): FindingGrouper {
  const g = new FindingGrouper(rules);
  for (const h of hits) g.add(h);
  return g;
}

describe('hits grouped apart (in scan workers) and merged', () => {
  it('give the findings as specified, in time order or not, while holding fewer values', () => {
    const hits = stream();
    const expected = reference(hits);
    assert.deepEqual(comparable(direct(hits).findings()), expected);
    const inOrder = [...hits].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    assert.deepEqual(comparable(direct(inOrder).findings()), reference(inOrder));
    assert.deepEqual(comparable(viaPartials(inOrder, 5).findings()), reference(inOrder));
    // Ten busy hours of one principal, two hours apart after the fifth: two findings, and only the
    // first window of each holds values that can reach it.
    const busy = Array.from({ length: 2000 }, (_, i) =>
      hit({
        time: new Date(
          Date.UTC(2026, 2, 14, 0, 0, 0) + i * 18_000 + (i >= 1000 ? 7_200_000 : 0),
        ).toISOString(),
        eventId: `b-${i}`,
        sourceIp: `192.0.2.${i % 250}`,
        eventName: `Call${i % 30}`,
      }),
    );
    for (const order of [busy, [...busy].reverse()]) {
      const kept = new HitGroups();
      for (const h of order) kept.add(h);
      const held = [...kept.groups.values()].reduce((n, g) => n + g.times.length + g.values.length, 0);
      assert.equal(kept.groups.size, 10);
      assert.ok(held <= 3 * (MAX_EVENT_IDS + 50), `${held} values held: full windows were not pruned`);
      const g = new FindingGrouper(rules);
      g.absorb(kept.drain());
      assert.equal(g.findings().length, 2);
      assert.deepEqual(comparable(g.findings()), reference(order));
    }
  });
  it('give exactly the findings of grouping every hit in one place', () => {
    const hits = stream();
    const expected = direct(hits).findings();
    assert.ok(expected.some((f) => f.event_ids_truncated && f.source_ips.length === LIST_CAPS.ips));
    for (const blobs of [1, 2, 7, 900]) assert.deepEqual(viaPartials(hits, blobs).findings(), expected);
  });
  it('prune nothing of the next window when it is too far to be merged', () => {
    // Full windows in adjacent hours, but 100 minutes apart: two findings, each with its own values.
    const start = Date.UTC(2026, 2, 14, 9, 0, 0);
    const apart = Array.from({ length: 300 }, (_, i) =>
      hit({
        time: new Date(start + (i < 150 ? i * 4000 : 110 * 60_000 + (i - 150) * 4000)).toISOString(),
        eventId: `a-${i}`,
        sourceIp: `192.0.2.${i}`,
      }),
    );
    for (const order of [apart, [...apart].reverse()]) {
      const findings = direct(order).findings();
      assert.equal(findings.length, 2);
      assert.deepEqual(comparable(findings), reference(order));
      assert.ok(
        findings.every((f) => f.source_ips.length === LIST_CAPS.ips && f.event_ids.length === MAX_EVENT_IDS),
      );
    }
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
    assert.equal(worker.drain().groups, 1);
    assert.deepEqual(worker.drain().groups, 0);
  });
  it('refuse partial groups built with another window, and skip unknown rules and bad times', () => {
    const worker = new HitGroups(30 * 60_000);
    worker.add(hit());
    assert.throws(() => new FindingGrouper(rules).absorb(worker.drain()), /1800000 ms window/);
    const other = new HitGroups();
    other.add(hit({ rules: ['nope'] }));
    other.add(hit({ time: 'yesterday' }));
    const partial = other.drain();
    assert.equal(partial.groups, 1);
    const g = new FindingGrouper(rules);
    g.absorb(partial);
    assert.deepEqual(g.findings(), []);
  });
});
