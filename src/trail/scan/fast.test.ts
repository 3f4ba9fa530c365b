import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { delivered, makeRecords, ndjson, pick, rng, shuffle } from '../../../test/helpers/trail-data.js';
import { createMatcher, type EventsFilterOptions } from '../filter.js';
import { checkRecord } from '../record.js';
import { decodeBlob } from './decode.js';
import { scanDelivered } from './fast.js';
import { MAX_NEEDLES, RecordSifter } from './sift.js';
import type { RecordPeek, ScanEvent } from './types.js';

/**
 * The fast path must give exactly the answer of the slow, obvious way: JSON.parse the whole file,
 * check every record, filter. Compared on randomized files, filters and hostile records.
 */

const FILTERS: EventsFilterOptions[] = [
  { eventName: 'ConsoleLogin' },
  { eventName: 'GetObject', errorsOnly: true },
  { principal: 'mallory' },
  { principal: 'arn:aws:iam::123456789012:user/alice', eventSource: 's3.amazonaws.com' },
  { where: [{ path: 'requestParameters.bucketName', op: 'eq', value: 'bucket-3' }] },
  { where: [{ path: 'userAgent', op: 'contains', value: 'PYTHON' }] },
  { where: [{ path: 'eventName', op: 'ne', value: 'GetObject' }], ip: '203.0.113.7' },
  { accessKey: 'AKIA0000000000000003', since: '2024-05-01T02:00:00Z', until: '2024-05-01T05:00:00Z' },
  { where: [{ path: 'readOnly', op: 'eq', value: 'true' }] },
  { where: [{ path: 'requestParameters.items.userName', op: 'eq', value: 'mallory' }] },
  { errorsOnly: true },
];

/** A nested array of look-alike records inside requestParameters: the splitter's worst case. */
function withFakeRecords(record: Record<string, unknown>, fakes: number): Record<string, unknown> {
  const fake = {
    eventVersion: '1.08',
    eventTime: '2024-05-01T03:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ConsoleLogin',
    userName: 'mallory',
    sourceIPAddress: '203.0.113.7',
    errorCode: 'x',
  };
  return { ...record, requestParameters: { items: [{ a: 1 }, ...Array(fakes).fill(fake)] } };
}

function reference(records: unknown[], options: EventsFilterOptions): string[] {
  const matcher = createMatcher(options);
  const out: string[] = [];
  records.forEach((value, index) => {
    const checked = checkRecord(value);
    if (checked.ok && matcher.match(checked.record, { source: 'f', index }))
      out.push(`${index}:${checked.record.eventID}`);
  });
  return out;
}

async function fast(bytes: Uint8Array, options: EventsFilterOptions) {
  const events: ScanEvent[] = [];
  const { records } = await decodeBlob(bytes, 'f', createMatcher(options), (e) => events.push(e));
  const found = events.flatMap((e) =>
    e.kind === 'match' ? [`${e.origin.index}:${(e.value as { eventID?: string }).eventID}`] : [],
  );
  return { found, events, records };
}

describe('the fast path agrees with parsing everything', () => {
  it('on 160 randomized files: layouts, key orders, nested eventVersion objects, fake records', async () => {
    const r = rng(2024);
    for (let round = 0; round < 160; round++) {
      const count = Math.floor(r() * 250);
      const mode = pick(r, ['plain', 'plain', 'hostile', 'fakes', 'shuffled'] as const);
      let records = makeRecords(round, count, mode === 'hostile');
      if (mode === 'fakes')
        records = records.map((x, i) => (i % 17 === 5 ? withFakeRecords(x, 1 + (i % 5)) : x));
      if (mode === 'shuffled') {
        const every = pick(r, [9, 40, 1000]);
        records = records.map((x, i) => (i % every === 1 ? shuffle(r, x) : x));
      }
      const layout = pick(r, ['delivered', 'delivered', 'gzip', 'ndjson', 'pretty'] as const);
      const bytes =
        layout === 'delivered'
          ? delivered(records)
          : layout === 'gzip'
            ? gzipSync(delivered(records))
            : layout === 'ndjson'
              ? ndjson(records)
              : Buffer.from(JSON.stringify({ Records: records }, null, 1));
      const options = pick(r, FILTERS);
      const { found, events, records: counted } = await fast(bytes, options);
      assert.equal(counted, records.length, `records counted in round ${round}`);
      const label = `round ${round} (${mode}, ${layout}, ${JSON.stringify(options)})`;
      assert.deepEqual(found, reference(records, options), label);
      assert.deepEqual(
        events.filter((e) => e.kind === 'rejected'),
        [],
        label,
      );
    }
  });

  it('keeps later indexes right when an early record does not start with eventVersion', async () => {
    const r = rng(77);
    const records = makeRecords(21, 100).map((x, i) =>
      i === 1 ? shuffle(r, { ...x, eventVersion: '1.08' }) : x,
    );
    assert.notEqual(Object.keys(records[1]!)[0], 'eventVersion');
    const { found, records: counted } = await fast(delivered(records), {
      where: [{ path: 'requestID', op: 'eq', value: 'REQ90' }],
    });
    assert.deepEqual(found, [`90:${records[90]!.eventID}`]);
    assert.equal(counted, 100);
  });

  it('falls back when a nested array of look-alike records would split a record', () => {
    const records = makeRecords(5, 40).map((x, i) =>
      i === 20 ? withFakeRecords({ ...x, eventName: 'GetObject' }, 3) : x,
    );
    const text = delivered(records);
    const events: ScanEvent[] = [];
    const sifter = new RecordSifter(createMatcher({ eventName: 'ConsoleLogin' }), 'f', (e) => events.push(e));
    assert.equal(scanDelivered(text, 0, sifter), 'fallback');
    const plain = delivered(makeRecords(5, 40));
    const result = scanDelivered(plain, 0, sifter);
    assert.notEqual(result, 'fallback');
    if (result !== 'fallback') assert.equal(result.records, 40);
  });

  it('drops needles past MAX_NEEDLES and still finds every match through the peek', async () => {
    const records = makeRecords(12, 300);
    const names = new Set(['ConsoleLogin', 'AssumeRole']);
    const many = [...names]
      .map((n) => `"${n}"`)
      .concat(Array.from({ length: MAX_NEEDLES }, (_, i) => `"Nope${i}"`));
    const matcher = {
      needles: many,
      mightMatch: (peek: RecordPeek) => peek.strings('eventName').some((n) => names.has(n)),
      match: (record: { eventName: string; eventID?: string }) =>
        names.has(record.eventName) ? record.eventID : undefined,
    };
    assert.equal(new RecordSifter(matcher, 'f', () => {}).needles, undefined);
    const events: ScanEvent[] = [];
    await decodeBlob(delivered(records), 'f', matcher, (e) => events.push(e));
    const expected = records.filter((r) => names.has(r.eventName as string)).map((r) => r.eventID);
    assert.deepEqual(
      events.map((e) => (e.kind === 'match' ? e.value : e.kind)),
      expected,
    );
  });

  it('parses only the records a one-field filter can match', () => {
    const records = makeRecords(9, 1000);
    const logins = records.filter((x) => x.eventName === 'ConsoleLogin').length;
    const matcher = createMatcher({ eventName: 'ConsoleLogin' });
    let parsed = 0;
    const counting = {
      ...matcher,
      match: (rec: never, origin: never) => {
        parsed++;
        return matcher.match(rec, origin);
      },
    };
    const result = scanDelivered(delivered(records), 0, new RecordSifter(counting, 'f', () => {}));
    assert.notEqual(result, 'fallback');
    assert.equal(parsed, logins);
    assert.ok(logins < 250);
  });
});
