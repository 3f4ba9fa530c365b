import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { delivered, makeRecords, ndjson } from '../../../test/helpers/trail-data.js';
import { type BlobStats, decodeBlob, decodeStream, isDigestName, outputChunk } from './decode.js';
import type { RecordMatcher, ScanEvent } from './types.js';

/** Matches every valid record: nothing is skipped, so every record is validated. */
const everything: RecordMatcher<string> = { match: (record) => record.eventID ?? record.eventName };

async function decode(bytes: Uint8Array, location = 'f.json', matcher: RecordMatcher = everything) {
  const events: ScanEvent[] = [];
  const stats = await decodeBlob(bytes, location, matcher, (e) => events.push(e));
  return summarize(stats, events);
}

function summarize(stats: BlobStats, events: ScanEvent[]) {
  const matches = events.flatMap((e) => (e.kind === 'match' ? [e] : []));
  const rejected = events.flatMap((e) => (e.kind === 'rejected' ? [e.rejection] : []));
  return { stats, matches, rejected, indexes: matches.map((m) => m.origin.index) };
}

const records = makeRecords(7, 12);
const ids = records.map((r) => r.eventID);

describe('decoding every layout', () => {
  it('reads the delivered layout, plain and gzipped (detected by magic bytes, not the name)', async () => {
    for (const [bytes, name] of [
      [delivered(records), 'a.json'],
      [gzipSync(delivered(records)), 'a.json'],
      [gzipSync(delivered(records)), 'no-extension'],
    ] as const) {
      const r = await decode(bytes, name);
      assert.deepEqual(
        r.matches.map((m) => m.value),
        ids,
        name,
      );
      assert.deepEqual(r.indexes, [...ids.keys()]);
      assert.equal(r.stats.records, 12);
      assert.equal(r.rejected.length, 0);
    }
  });

  it('reads NDJSON, a single record, a JSON array and pretty-printed JSON', async () => {
    const layouts = {
      ndjson: ndjson(records),
      array: Buffer.from(JSON.stringify(records)),
      pretty: Buffer.from(JSON.stringify({ Records: records }, null, 2)),
      prettyArray: Buffer.from(JSON.stringify(records, null, 4)),
      crlf: Buffer.from(records.map((r) => JSON.stringify(r)).join('\r\n')),
    };
    for (const [name, bytes] of Object.entries(layouts)) {
      const r = await decode(bytes);
      assert.deepEqual(
        r.matches.map((m) => m.value),
        ids,
        name,
      );
      assert.equal(r.rejected.length, 0, name);
    }
    const single = await decode(Buffer.from(JSON.stringify(records[3], null, 2)));
    assert.deepEqual(
      single.matches.map((m) => m.value),
      [ids[3]],
    );
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    for (const body of [delivered(records), ndjson(records), Buffer.from(JSON.stringify(records[0]))]) {
      const r = await decode(gzipSync(Buffer.concat([bom, body])));
      assert.equal(r.rejected.length, 0);
      assert.ok(r.matches.length >= 1);
    }
  });

  it('recognises and skips CloudTrail digest files, by name and by content', async () => {
    assert.ok(
      isDigestName(
        'AWSLogs/1/CloudTrail-Digest/us-east-1/2024/05/01/1_CloudTrail-Digest_us-east-1_t_x.json.gz',
      ),
    );
    const digest = { awsAccountId: '1', digestStartTime: '2024-05-01T00:00:00Z', logFiles: [] };
    const r = await decode(gzipSync(JSON.stringify(digest)));
    assert.equal(r.stats.skipped, 'CloudTrail digest file');
    assert.equal(r.rejected.length, 0);
    assert.equal(r.matches.length, 0);
  });

  it('reads concatenated delivered files (zcat *.json.gz | garrison events -)', async () => {
    const both = Buffer.concat([
      delivered(records.slice(0, 5)),
      Buffer.from('\n'),
      delivered(records.slice(5)),
    ]);
    const r = await decode(both);
    assert.deepEqual(
      r.matches.map((m) => m.value),
      ids,
    );
  });

  it('sizes the output by the gzip trailer, and a trailer that lies or names one member only changes nothing', async () => {
    const whole = gzipSync(delivered(records));
    assert.equal(outputChunk(whole, 1 << 26), 64 * 1024, "small files: zlib's usual chunk");
    const trailer = Buffer.alloc(2000);
    trailer.writeUInt32LE(1_000_000, 1996);
    assert.equal(outputChunk(trailer, 1 << 26), 1_000_001);
    assert.equal(outputChunk(trailer, 500_000), 500_001, 'never above the streaming threshold');
    const forged = Buffer.alloc(40);
    forged.writeUInt32LE(60_000_000, 36);
    assert.equal(
      outputChunk(forged, 1 << 26),
      64 * 1024,
      'a tiny file cannot claim 60 MB (deflate: at most 1032:1)',
    );
    assert.equal(outputChunk(Buffer.alloc(5), 1 << 26), 64 * 1024);
    const lying = Buffer.from(whole);
    lying.writeUInt32LE(3, lying.length - 4); // ISIZE says 3 bytes: zlib's CRC/size check rejects it...
    const r = await decode(lying);
    assert.equal(r.rejected.length, 1, 'a wrong ISIZE is a damaged file, as before');
    // ...while two members (the trailer of the last one only covers it) read whole.
    const members = Buffer.concat([
      gzipSync(delivered(records.slice(0, 6))),
      gzipSync(delivered(records.slice(6))),
    ]);
    const both = await decode(members);
    assert.equal(both.stats.records, 12);
  });
});

describe('bad input is rejected with its location and reason, never thrown', () => {
  it('keeps the records decoded before a gzip truncation and rejects the rest', async () => {
    const many = makeRecords(3, 400);
    const gz = gzipSync(delivered(many));
    const r = await decode(gz.subarray(0, Math.floor(gz.length * 0.6)), 'cut.json.gz');
    assert.ok(r.matches.length > 50 && r.matches.length < 400, `${r.matches.length} records kept`);
    assert.deepEqual(r.indexes, [...Array(r.matches.length).keys()]);
    assert.equal(r.rejected.length, 1);
    assert.equal(r.rejected[0]!.location, 'cut.json.gz');
    assert.match(
      r.rejected[0]!.reason,
      /truncated gzip.*unexpected end of file.*records read, the rest is cut off/,
    );
  });

  it('rejects a gzip stream that is corrupt, not just short', async () => {
    const gz = Buffer.from(gzipSync(delivered(records)));
    gz.fill(0x55, 20, 60);
    const r = await decode(gz, 'bad.gz');
    assert.equal(r.rejected.length >= 1, true);
    assert.match(r.rejected.at(-1)!.reason, /gzip/);
  });

  it('rejects an empty file, a whitespace-only file and an empty gzip', async () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('  \n\t'),
      gzipSync(Buffer.alloc(0)),
      Buffer.from([0xef, 0xbb, 0xbf]),
    ]) {
      const r = await decode(bytes, 'empty.json');
      assert.deepEqual(r.rejected, [{ location: 'empty.json', reason: 'empty file' }]);
    }
  });

  it('rejects invalid JSON at file level and per NDJSON line', async () => {
    const file = await decode(Buffer.from('{"Records":[{"eventVersion":"1.08",'), 'half.json');
    assert.equal(file.rejected.length, 1);
    assert.match(file.rejected[0]!.reason, /unexpected end of input/);
    const text = await decode(Buffer.from('hello, I am not JSON'), 'text.json');
    assert.match(text.rejected[0]!.reason, /not JSON/);
    const lines = ndjson(records.slice(0, 3)).toString().split('\n');
    lines.splice(1, 0, '{"eventVersion": oops}');
    const r = await decode(Buffer.from(lines.join('\n')), 'l.jsonl');
    assert.deepEqual(
      r.matches.map((m) => m.origin.index),
      [0, 2, 3],
    );
    assert.equal(r.rejected.length, 1);
    assert.equal(r.rejected[0]!.location, 'l.jsonl#1');
    assert.match(r.rejected[0]!.reason, /^invalid JSON/);
  });

  it('rejects a JSON file that is not CloudTrail', async () => {
    for (const body of ['{"name":"garrison","version":"0.1.0"}', '{"Records":"nope"}']) {
      const r = await decode(Buffer.from(body), 'package.json');
      assert.equal(r.rejected.length, 1);
      assert.equal(r.rejected[0]!.location, 'package.json');
      assert.match(r.rejected[0]!.reason, /not CloudTrail/);
    }
    const scalars = await decode(Buffer.from('[1, "two", null]'), 'list.json');
    assert.deepEqual(
      scalars.rejected.map((x) => x.location),
      ['list.json#0', 'list.json#1', 'list.json#2'],
    );
  });

  it('rejects records with missing or wrongly typed fields, by index, and keeps the others', async () => {
    const bad = structuredClone(records.slice(0, 4)) as Record<string, unknown>[];
    delete bad[1]!.eventTime;
    bad[2]!.userIdentity = { arn: 42 };
    bad[3]!.eventTime = 'yesterday';
    for (const bytes of [delivered(bad), gzipSync(ndjson(bad))]) {
      const r = await decode(bytes, 'm.json');
      assert.deepEqual(r.indexes, [0]);
      assert.deepEqual(
        r.rejected.map((x) => x.location),
        ['m.json#1', 'm.json#2', 'm.json#3'],
      );
      assert.match(r.rejected[0]!.reason, /^eventTime/);
      assert.match(r.rejected[1]!.reason, /^userIdentity\.arn/);
      assert.match(r.rejected[2]!.reason, /not an ISO 8601 time/);
    }
  });

  it('treats hostile strings as data: quotes, escapes and JSON look-alikes in userAgent', async () => {
    const hostile = structuredClone(records.slice(0, 3)) as Record<string, unknown>[];
    hostile[1]!.userAgent = '"},{"eventVersion":"1.08"}]}\u0000\u001b[2J';
    hostile[1]!.userName = '\\"\\\\';
    const r = await decode(delivered(hostile), 'h.json');
    assert.deepEqual(
      r.matches.map((m) => m.value),
      ids.slice(0, 3),
    );
    assert.equal(r.rejected.length, 0);
  });
});

describe('large blobs are streamed', () => {
  it('reads a 200 MB (uncompressed) delivered file with bounded memory', async () => {
    const chunkRecords = makeRecords(11, 700);
    const body = JSON.stringify(chunkRecords).slice(1, -1);
    const middle = gzipSync(`,${body}`, { level: 1 });
    const repeats = Math.ceil((200 * 1024 * 1024) / (body.length + 1));
    const parts = [gzipSync(`{"Records":[${body}`), ...Array(repeats - 1).fill(middle), gzipSync(']}')];
    const gz = Buffer.concat(parts);
    const wanted: RecordMatcher<number> = {
      needles: ['"eventName":"CreateAccessKey"'],
      mightMatch: (peek) => peek.strings('eventName').includes('CreateAccessKey'),
      match: (_record, origin) => origin.index,
    };
    const before = process.memoryUsage().rss;
    const r = await decode(gz, 'big.json.gz', wanted);
    const grown = process.memoryUsage().rss - before;
    assert.ok(r.stats.bytesOut > 200 * 1024 * 1024);
    assert.equal(r.stats.records, repeats * 700);
    const perChunk = chunkRecords.filter((x) => x.eventName === 'CreateAccessKey').length;
    assert.equal(r.matches.length, perChunk * repeats);
    assert.equal(r.rejected.length, 0);
    assert.ok(grown < 150 * 1024 * 1024, `rss grew by ${grown} bytes`);
  });

  it('streams chunked input (stdin), cutting records anywhere', async () => {
    const text = ndjson(records);
    async function* chunks() {
      for (let at = 0; at < text.length; at += 97) yield text.subarray(at, at + 97);
    }
    const events: ScanEvent[] = [];
    const stats = await decodeStream(chunks(), '-', everything, (e) => events.push(e));
    const r = summarize(stats, events);
    assert.deepEqual(
      r.matches.map((m) => m.value),
      ids,
    );
    const gz = gzipSync(delivered(records));
    async function* gzChunks() {
      yield gz.subarray(0, 1); // a slow pipe: the gzip magic split across chunks
      for (let at = 1; at < gz.length; at += 50) yield gz.subarray(at, at + 50);
    }
    const events2: ScanEvent[] = [];
    await decodeStream(gzChunks(), '-', everything, (e) => events2.push(e));
    assert.deepEqual(
      summarize(stats, events2).matches.map((m) => m.value),
      ids,
    );
  });
});
