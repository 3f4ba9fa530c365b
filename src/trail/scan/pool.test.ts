import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { delivered, makeRecords, ndjson } from '../../../test/helpers/trail-data.js';
import { GarrisonError } from '../../errors.js';
import { eventsFilterSpec } from '../filter-spec.js';
import { scanBlobs } from './pool.js';
import type { Blob, MatcherSpec, ScanEvent, ScanOptions } from './types.js';

const testMatcher = (options: object = {}): MatcherSpec => ({
  module: new URL('../../../test/helpers/scan-matchers.js', import.meta.url).href,
  options,
});

function memoryBlob(location: string, bytes: Uint8Array): Blob {
  return { location, size: bytes.length, load: async () => Buffer.from(bytes) };
}

function streamBlob(location: string, bytes: Uint8Array, chunk = 1000): Blob {
  return {
    location,
    load: async () => bytes,
    open: async function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield Buffer.from(bytes.subarray(at, at + chunk));
    },
  };
}

async function collect(
  blobs: Iterable<Blob> | AsyncIterable<Blob>,
  spec: MatcherSpec,
  options: ScanOptions = {},
) {
  const run = scanBlobs<string>(blobs, spec, { workers: 2, ...options });
  const events: ScanEvent<string>[] = [];
  for await (const event of run) events.push(event);
  return { events, summary: run.summary };
}

const files = Array.from({ length: 8 }, (_, i) => makeRecords(100 + i, 30 + i * 10));

describe('scanBlobs: the worker pool', () => {
  it('gives the events blob by blob in the order of the blobs, whichever worker ends first', async () => {
    const slow = 'f0.json';
    const blobs: Blob[] = [
      memoryBlob(slow, delivered(files[0]!)),
      memoryBlob('f1.json', ndjson(files[1]!)),
      memoryBlob('AWSLogs/1/CloudTrail-Digest/x_CloudTrail-Digest_y.json.gz', Buffer.from('{}')),
      { location: 'gone.json', unreadable: 'ENOENT' } as Blob,
      memoryBlob('f2.json', delivered(files[2]!)),
      memoryBlob('f3.json', gzipSync(ndjson(files[3]!))),
    ];
    const order = blobs.map((b) => b.location);
    const { events } = await collect(blobs, testMatcher({ slowMs: 4, slowSource: slow }));
    const where = (e: ScanEvent<string>) =>
      e.kind === 'match' ? e.origin.source : e.kind === 'rejected' ? e.rejection.location : e.location;
    const seen = events.map((e) => order.indexOf(where(e)));
    assert.ok(!seen.includes(-1));
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'never a later blob before an earlier one',
    );
    assert.deepEqual([...new Set(seen)], [0, 1, 2, 3, 4, 5]);
  });

  it('scans every blob, keeps each blob in order, and sums it all up', async () => {
    const blobs = files.map((records, i) =>
      memoryBlob(`f${i}.json.gz`, i % 2 ? gzipSync(delivered(records)) : ndjson(records)),
    );
    const progress: number[] = [];
    const { events, summary } = await collect(blobs, testMatcher(), {
      onProgress: (p) => progress.push(p.files),
    });
    for (const [i, records] of files.entries()) {
      const mine = events.filter((e) => e.kind === 'match' && e.origin.source === `f${i}.json.gz`);
      assert.deepEqual(
        mine.map((e) => (e.kind === 'match' ? e.value : '')),
        records.map((r) => r.eventID),
      );
      const done = events.find((e) => e.kind === 'blob-done' && e.location === `f${i}.json.gz`);
      assert.ok(done && done.kind === 'blob-done');
      assert.equal(done.records, records.length);
      assert.deepEqual(done.aggregate, { seen: `f${i}.json.gz` });
      assert.ok(events.indexOf(done) > events.indexOf(mine.at(-1)!), 'blob-done comes after its matches');
    }
    const total = files.reduce((n, r) => n + r.length, 0);
    assert.equal(summary.files, 8);
    assert.equal(summary.records, total);
    assert.equal(summary.matched, total);
    assert.equal(summary.rejected, 0);
    assert.equal(
      summary.bytesIn,
      blobs.reduce((n, b) => n + b.size!, 0),
    );
    assert.ok(summary.bytesOut > summary.bytesIn);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('runs the events filter in its workers, and streams blobs that can stream', async () => {
    const blobs = files.map((records, i) => streamBlob(`s${i}`, gzipSync(delivered(records)), 333));
    const bytes: number[] = [];
    const { events, summary } = await collect(blobs, eventsFilterSpec({ eventName: 'ConsoleLogin' }), {
      onProgress: (p) => bytes.push(p.bytesIn),
    });
    assert.ok(bytes.length > blobs.length, 'streamed chunks report progress before their blob is done');
    assert.deepEqual(
      bytes,
      [...bytes].sort((x, y) => x - y),
      'bytes read only grow',
    );
    assert.equal(bytes.at(-1), summary.bytesIn);
    const expected = files.flatMap((records) => records.filter((r) => r.eventName === 'ConsoleLogin'));
    assert.equal(summary.matched, expected.length);
    assert.equal(events.filter((e) => e.kind === 'match').length, expected.length);
    assert.equal(
      summary.records,
      files.reduce((n, r) => n + r.length, 0),
    );
  });

  it('counts unreadable blobs and digest files without stopping', async () => {
    const blobs: Blob[] = [
      memoryBlob('ok.json', delivered(files[0]!)),
      {
        location: 'gone.json',
        load: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
      },
      { location: 'listed-bad.json', unreadable: 'not found', load: () => Promise.reject(new Error('x')) },
      memoryBlob('AWSLogs/1/CloudTrail-Digest/r/1_CloudTrail-Digest_r.json.gz', Buffer.from('{}')),
      memoryBlob('empty.json', Buffer.alloc(0)),
    ];
    const { events, summary } = await collect(blobs, testMatcher());
    assert.equal(summary.files, 5);
    assert.equal(summary.skippedFiles, 1);
    assert.deepEqual(summary.errors.map((e) => e.location).sort(), [
      'empty.json',
      'gone.json',
      'listed-bad.json',
    ]);
    assert.match(summary.errors.find((e) => e.location === 'gone.json')!.reason, /unreadable: EACCES/);
    assert.ok(events.some((e) => e.kind === 'blob-skipped'));
    assert.equal(summary.matched, files[0]!.length);
  });

  it('lets the workers read local files, and counts one that vanished after listing as unreadable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'garrison-pool-'));
    try {
      const present = join(dir, 'present.json.gz');
      await writeFile(present, gzipSync(delivered(files[1]!)));
      const vanished = join(dir, 'vanished.json');
      const local = (path: string): Blob => ({ location: path, path, size: 100, load: () => readFile(path) });
      const { summary } = await collect([local(present), local(vanished)], testMatcher());
      assert.equal(summary.files, 2);
      assert.equal(summary.matched, files[1]!.length);
      assert.equal(summary.bytesIn, (await stat(present)).size, 'bytes read as the worker found them');
      assert.equal(summary.errors.length, 1);
      assert.equal(summary.errors[0]!.location, vanished);
      assert.match(summary.errors[0]!.reason, /^unreadable: .*ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops at the first rejection in strict mode', async () => {
    const bad = [...files[0]!.slice(0, 5), { eventName: 'NoTime', eventSource: 'x' }, ...files[0]!.slice(5)];
    await assert.rejects(
      collect([memoryBlob('bad.json', ndjson(bad))], testMatcher(), { strict: true }),
      (e: unknown) =>
        e instanceof GarrisonError && e.code === 'input' && /bad\.json#5: eventTime/.test(e.message),
    );
  });

  it('fails the scan, with the location, when the matcher throws or its worker dies', async () => {
    const id = files[1]![7]!.eventID as string;
    await assert.rejects(
      collect([memoryBlob('a.json', delivered(files[1]!))], testMatcher({ failOn: id })),
      (e: unknown) =>
        e instanceof GarrisonError && e.code === 'internal' && /a\.json#7: rule bug/.test(e.message),
    );
    await assert.rejects(
      collect([memoryBlob('a.json', delivered(files[1]!))], testMatcher({ exitOn: id })),
      (e: unknown) => e instanceof GarrisonError && /exited \(code 3\)/.test(e.message),
    );
    await assert.rejects(
      collect([memoryBlob('a.json', delivered(files[1]!))], testMatcher({ failToBuild: true })),
      /cannot build the matcher: cannot compile the rules/,
    );
  });

  it('stops reading input while the consumer lags (memory stays flat), and runs once', async () => {
    const body = delivered(files[3]!);
    let loads = 0;
    function* endless() {
      for (let i = 0; ; i++)
        yield {
          location: `b${i}`,
          load: async () => {
            loads++;
            return Buffer.from(body);
          },
        } as Blob;
    }
    const run = scanBlobs(endless(), testMatcher(), { workers: 2 });
    const iterator = run[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const perBlob = files[3]!.length + 1;
    assert.ok(loads <= Math.ceil(5_000 / perBlob) + 8, `${loads} blobs loaded while nothing was read`);
    await iterator.return?.();
    assert.throws(() => run[Symbol.asyncIterator](), /only once/);
  });

  it('stops an endless input when aborted, and when the consumer stops reading', async () => {
    const body = gzipSync(delivered(files[2]!));
    function* endless() {
      for (let i = 0; ; i++) yield memoryBlob(`e${i}.json.gz`, body);
    }
    const controller = new AbortController();
    let done = 0;
    const started = Date.now();
    await assert.rejects(async () => {
      for await (const event of scanBlobs(endless(), testMatcher(), {
        workers: 2,
        signal: controller.signal,
      })) {
        if (event.kind === 'blob-done' && ++done === 5) controller.abort();
      }
    }, /abort/i);
    assert.ok(Date.now() - started < 20_000);
    const run = scanBlobs(endless(), testMatcher(), { workers: 1 });
    let seen = 0;
    for await (const event of run) if (event.kind === 'blob-done' && ++seen === 3) break;
    assert.equal(seen, 3);
    assert.ok(run.summary.files >= 3);
  });
});
