import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGarrisonError } from '../../errors.js';
import type { CloudTrailRecord } from '../../trail/record.js';
import { BytePeek } from '../../trail/scan/peek.js';
import { loadPack } from '../pack.js';
import { incident } from './incident.test-data.js';
import {
  STATEFUL_DETECTIONS,
  StatefulCollectors,
  StatefulRun,
  slimRecord,
  statefulMightMatch,
} from './index.js';
import { defineStateful, type StatefulHit } from './types.js';

const key = (h: StatefulHit) => `${h.rules.join()}|${h.eventId}|${h.summary}`;

describe('the stateful detections', () => {
  it('are registered once each, with ids distinct from the pack', () => {
    const ids = STATEFUL_DETECTIONS.map((d) => d.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    const pack = new Set(loadPack().map((d) => d.meta.id));
    for (const id of ids) assert.ok(!pack.has(id), id);
  });

  it('each find their part of one incident, in one run', () => {
    const run = new StatefulRun();
    const hits = [...incident().flatMap((r) => run.observe(r)), ...run.flush()];
    assert.deepEqual(
      [...new Set(hits.map((h) => h.rules[0]))].sort(),
      STATEFUL_DETECTIONS.map((d) => d.meta.id).sort(),
    );
  });

  it('find the same on the slim records a scan worker sends back', () => {
    const full = new StatefulRun();
    const slim = new StatefulRun();
    const records = incident();
    const expected = [...records.flatMap((r) => full.observe(r)), ...full.flush()].map(key);
    const actual = [...records.flatMap((r) => slim.observe(slimRecord(r))), ...slim.flush()].map(key);
    assert.deepEqual(actual, expected);
    assert.ok(
      JSON.stringify(slimRecord(records[0] as CloudTrailRecord)).length < JSON.stringify(records[0]).length,
    );
  });

  it('find the same when the fast path drops the records their raw test rejects, with collectors', () => {
    const all = new StatefulRun();
    const filtered = new StatefulRun();
    const collectors = new StatefulCollectors();
    const expected: string[] = [];
    const actual: string[] = [];
    let skipped = 0;
    for (const record of incident()) {
      expected.push(...all.observe(record).map(key));
      const peek = new BytePeek(Buffer.from(JSON.stringify(record)));
      collectors.peek(peek);
      // Each detector sees only what its own raw test lets through.
      const keep = filtered.detectors.flatMap((d, i) => {
        if (STATEFUL_DETECTIONS[i]?.mightMatch(peek)) return d.observe(record);
        skipped++;
        return [];
      });
      actual.push(...keep.map(key));
    }
    expected.push(...all.flush().map(key));
    filtered.absorb(structuredClone(collectors.drain()));
    actual.push(...filtered.flush().map(key));
    assert.deepEqual(actual, expected);
    assert.ok(expected.some((k) => k.startsWith('garrison-aws-first-use-then-sensitive-call')));
    assert.ok(skipped > 0, 'the raw tests rejected nothing: they are not being exercised');
    assert.equal(collectors.empty, false);
    const quiet = new BytePeek(Buffer.from(JSON.stringify({ eventName: 'ConsoleLogin' })));
    assert.equal(statefulMightMatch(quiet), true);
    const boring = new BytePeek(
      Buffer.from(JSON.stringify({ eventName: 'DescribeInstances', principalId: 'AIDA1' })),
    );
    assert.equal(statefulMightMatch(boring), false, 'an ordinary successful call need not be parsed');
  });

  it('answer the combined raw test exactly as each detection would, on every test event of the project', () => {
    const records = [...incident(), ...loadPack().flatMap((d) => [...d.positive, ...d.negative])];
    let wanted = 0;
    for (const record of records) {
      const peek = new BytePeek(Buffer.from(JSON.stringify(record, null, 1)));
      const each = STATEFUL_DETECTIONS.some((d) => d.mightMatch(peek));
      assert.equal(statefulMightMatch(peek), each, `${record.eventName}`);
      if (each) wanted++;
    }
    assert.ok(wanted > 0 && wanted < records.length);
  });

  it('refuse broken metadata, naming the file and the field', () => {
    const meta = { ...(STATEFUL_DETECTIONS[0]?.meta ?? {}), severity: 'severe' };
    assert.throws(
      () =>
        defineStateful('src/detect/stateful/x.ts', meta, {
          eventNames: undefined,
          mightMatch: () => true,
          create: () => {
            throw new Error('unused');
          },
        }),
      (e: unknown) => isGarrisonError(e) && /src\/detect\/stateful\/x\.ts: field severity/.test(e.message),
    );
  });
});
