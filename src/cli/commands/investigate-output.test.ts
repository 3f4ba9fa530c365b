import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followCredentials } from '../../investigate/chain.js';
import type { Detector } from '../../investigate/detections.js';
import { pivotReport } from '../../investigate/pivot.js';
import { ALICE_KEY, HOSTILE_AGENT, scenario } from '../../investigate/scenario.test-data.js';
import { logGaps, timelineEntries } from '../../investigate/timeline.js';
import type { OutputSink } from '../output/sink.js';
import { createWriter } from '../output/writers.js';
import { pivotScreen } from './pivot-screen.js';
import { TIMELINE_CSV, TIMELINE_TABLE, type TimelineRow, timelineRows } from './timeline.js';

const RAW_CONTROL = /[\u001b\u0007\u009b\u202e]/;
const none: Detector = { fired: () => [] };
const rows = scenario().map((record, index) => ({ record, origin: { source: 's', index } }));

function memorySink(): OutputSink & { text: string } {
  const sink = {
    text: '',
    isTerminal: false,
    write: async (t: string) => {
      sink.text += t;
    },
    close: async () => {},
  };
  return sink;
}

async function render(format: 'table' | 'csv', items: TimelineRow[]): Promise<string> {
  const sink = memorySink();
  const writer = createWriter(format, sink, {
    tableColumns: TIMELINE_TABLE,
    csvColumns: TIMELINE_CSV,
    toJson: (r) => r,
    jsonKey: 't',
  });
  for (const item of items) await writer.write(item);
  await writer.end({});
  return sink.text;
}

describe('timeline and pivot output', () => {
  it('puts a log gap in time order among the events, only within the timeline span', async () => {
    const entries = timelineEntries(rows, none);
    const hours = new Map([
      [
        'us-east-1',
        new Map([
          ['2026-11-19T09', 1],
          ['2026-11-19T10', 4],
          ['2026-11-19T14', 6],
          ['2026-11-19T20', 1],
          ['2026-11-19T23', 1],
        ]),
      ],
    ]);
    const out = timelineRows(entries, logGaps(hours));
    const gapAt = out.findIndex((r) => r.kind === 'gap');
    assert.equal(
      out.filter((r) => r.kind === 'gap').length,
      1,
      'the 21:00–23:00 gap is after the last event',
    );
    const timeOf = (r: TimelineRow | undefined) => (r?.kind === 'event' ? r.entry.time : r?.gap.from);
    assert.equal(timeOf(out[gapAt - 1]), '2026-11-19T10:30:00Z');
    assert.equal(timeOf(out[gapAt]), '2026-11-19T11:00:00.000Z');
    assert.equal(timeOf(out[gapAt + 1]), '2026-11-19T14:00:00Z');
    const table = await render('table', out);
    assert.match(table, /LOG GAP: no records in us-east-1 for 3 h, until 2026-11-19T14:00:00.000Z/);
  });

  it('keeps attacker-controlled text inert in the table and the CSV', async () => {
    const out = timelineRows(timelineEntries(rows, none), []);
    const table = await render('table', out);
    const csv = await render('csv', out);
    assert.ok(!RAW_CONTROL.test(table) && !RAW_CONTROL.test(csv));
    assert.ok(csv.includes('\\x1b]8;;http://evil\\x07'), 'escapes shown, not dropped');
    const screen = pivotScreen(
      pivotReport(
        { accessKeys: [ALICE_KEY] },
        rows,
        followCredentials(scenario(), { accessKeys: [ALICE_KEY] }),
        none,
      ),
      `key ${HOSTILE_AGENT}`,
    );
    assert.ok(!RAW_CONTROL.test(screen));
    assert.match(screen, /users created: backdoor/);
  });
});
