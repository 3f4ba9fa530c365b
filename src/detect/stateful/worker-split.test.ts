import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudTrailRecord } from '../../trail/record.js';
import { BytePeek } from '../../trail/scan/peek.js';
import { loadPack } from '../pack.js';
import { incident } from './incident.test-data.js';
import { STATEFUL_DETECTIONS, slimRecord } from './index.js';
import type { StatefulDetection, StatefulHit } from './types.js';

const key = (h: StatefulHit) => `${h.rules.join()}|${h.eventId}|${h.summary}|${h.related.join()}`;

/** Every record observed in one place: how an in-process run sees the stream. */
function together(detection: StatefulDetection, records: CloudTrailRecord[]): string[] {
  const detector = detection.create();
  return [...records.flatMap((r) => detector.observe(slimRecord(r))), ...detector.flush()].map(key);
}

/**
 * As a hunt over scan workers: each "blob" keeps its own collector (fed every record's raw bytes),
 * only the records the detection wants reach the detector, and what the collectors gathered is
 * absorbed at each blob's end.
 */
function split(detection: StatefulDetection, records: CloudTrailRecord[], blobs: number) {
  const detector = detection.create({ baselinesAbsorbed: true });
  const hits: StatefulHit[] = [];
  let sent = 0;
  const size = Math.ceil(records.length / blobs);
  for (let start = 0; start < records.length; start += size) {
    const collector = detection.collector?.();
    for (const record of records.slice(start, start + size)) {
      collector?.peek(new BytePeek(Buffer.from(JSON.stringify(record))));
      if (detection.wants && !detection.wants(record)) continue;
      sent++;
      hits.push(...detector.observe(slimRecord(record)));
    }
    if (collector) detector.absorb?.(structuredClone(collector.drain()));
  }
  return { hits: [...hits, ...detector.flush()].map(key), sent };
}

describe('stateful detections fed by scan workers', () => {
  // An incident each detection finds, then the pack's own events (other calls, of other principals).
  const alice = incident()[0]?.userIdentity?.principalId;
  const pack = loadPack().flatMap((d) => [...d.positive, ...d.negative]);
  const records = [...incident(), ...pack.filter((r) => r.userIdentity?.principalId !== alice)];

  for (const detection of STATEFUL_DETECTIONS)
    it(`${detection.meta.id}: the same hits from the records it wants and the workers' baselines`, () => {
      const expected = together(detection, records);
      assert.ok(expected.length > 0, 'the test stream does not exercise it');
      for (const blobs of [1, 3]) {
        const { hits, sent } = split(detection, records, blobs);
        assert.deepEqual(hits, expected);
        assert.ok(sent < records.length, 'wants() lets every record through');
      }
    });

  it('a first-use baseline comes only from the workers when absorbed (a record is not counted twice)', () => {
    const detection = STATEFUL_DETECTIONS.find((d) => d.collector);
    assert.ok(detection);
    const only = incident().filter((r) => r.eventName === 'CreateAccessKey');
    const detector = detection.create({ baselinesAbsorbed: true });
    for (const r of incident()) detector.observe(r);
    assert.equal(detector.size(), 0, 'observe() built a baseline although the workers keep it');
    assert.ok(only.length > 0);
  });
});
