import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FindingGrouper } from '../../findings/grouping.js';
import type { ScanEvent } from '../../trail/scan/types.js';
import { loadPack } from '../pack.js';
import { incident } from '../stateful/incident.test-data.js';
import { StatefulRun, slimRecord } from '../stateful/index.js';
import { huntRecords } from './hunt.js';
import { HuntGathering } from './hunt-gather.js';
import { type HuntMatch, matcherFor } from './matcher.js';
import { RuleIndex } from './rule-index.js';
import { loadDetections } from './rule-set.js';

/** The records as a hunt over scan workers sees them: two workers, blobs of `size` records each. */
function viaWorkers(
  records: ReturnType<typeof incident>,
  size: number,
  detections: Awaited<ReturnType<typeof loadDetections>>,
) {
  const { rules, stateful } = detections;
  const grouper = new FindingGrouper(new Map([...rules, ...stateful].map((r) => [r.info.id, r.info])));
  const gathering = new HuntGathering(
    grouper,
    new StatefulRun(
      { baselinesAbsorbed: true },
      stateful.map((s) => s.detection),
    ),
  );
  const workers = [0, 1].map(() =>
    matcherFor(
      new RuleIndex(rules),
      stateful.map((s) => s.detection),
    ),
  );
  let sent = 0;
  for (let start = 0, blob = 0; start < records.length; start += size, blob++) {
    const matcher = workers[blob % 2];
    assert.ok(matcher?.endOfBlob);
    for (const [index, record] of records.slice(start, start + size).entries()) {
      const value = matcher.match(record, { source: `b${blob}`, index });
      if (value === undefined) continue;
      sent++;
      gathering.take({ kind: 'match', value, origin: { source: `b${blob}`, index } });
    }
    const done: ScanEvent<HuntMatch> = {
      kind: 'blob-done',
      location: `b${blob}`,
      bytesIn: 0,
      bytesOut: 0,
      records: size,
      aggregate: structuredClone(matcher.endOfBlob(`b${blob}`)),
    };
    gathering.take(done);
  }
  return { findings: gathering.findings(), matched: gathering.matched, sent };
}

describe('the hunt matcher in scan workers', () => {
  // An incident every stateful detection finds, and what the pack's rules fire on (other principals').
  const alice = incident()[0]?.userIdentity?.principalId;
  const pack = loadPack().flatMap((d) => d.positive);
  const records = [...incident(), ...pack.filter((r) => r.userIdentity?.principalId !== alice)];

  it('gives the findings of one in-process run: rule hits grouped per blob, stateful baselines merged', async () => {
    const detections = await loadDetections({});
    const { rules, stateful } = detections;
    const grouper = new FindingGrouper(new Map([...rules, ...stateful].map((r) => [r.info.id, r.info])));
    const run = new StatefulRun(
      {},
      stateful.map((s) => s.detection),
    );
    const index = new RuleIndex(rules);
    let matched = 0;
    for (const record of records) {
      // Today's hunt: the stateful detections see the slim records the workers send.
      for (const hit of run.observe(slimRecord(record))) grouper.add(hit);
      const fired = index.match(record);
      if (fired.length) matched++;
    }
    for (const hit of run.flush()) grouper.add(hit);
    const rulesOnly = huntRecords(records, rules);
    for (const f of rulesOnly) assert.ok(f.count > 0);
    const expected = [...grouper.findings(), ...rulesOnly].sort((a, b) => a.id.localeCompare(b.id));
    for (const size of [1, 7, records.length]) {
      const got = viaWorkers(records, size, detections);
      assert.deepEqual(
        got.findings.sort((a, b) => a.id.localeCompare(b.id)),
        expected,
      );
      assert.equal(got.matched, matched);
      assert.ok(got.sent < records.length, `${got.sent} of ${records.length} records sent one by one`);
    }
    assert.ok(expected.some((f) => f.rule.id === 'garrison-aws-first-use-then-sensitive-call'));
  });

  it('sends nothing per record without stateful detections', async () => {
    const detections = await loadDetections({ stateful: false });
    const got = viaWorkers(records, 5, detections);
    assert.equal(got.sent, 0);
    assert.ok(got.findings.length > 0 && got.matched > 0);
  });
});
