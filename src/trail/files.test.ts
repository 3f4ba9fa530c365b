import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { delivered, makeRecords } from '../../test/helpers/trail-data.js';
import { deliveryTime, fileBlobs, mayHoldWindow } from './files.js';
import type { Blob } from './scan/types.js';

async function list(paths: string[], options = {}): Promise<Blob[]> {
  const blobs: Blob[] = [];
  for await (const blob of fileBlobs(paths, options)) blobs.push(blob);
  return blobs;
}

const name = (t: string) => `123456789012_CloudTrail_us-east-1_${t}_a1B2c3D4.json.gz`;

describe('local CloudTrail files', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'garrison-files-'));
    const day = join(root, 'AWSLogs', '123456789012', 'CloudTrail', 'us-east-1', '2024', '05', '01');
    await mkdir(day, { recursive: true });
    const gz = gzipSync(delivered(makeRecords(1, 3)));
    for (const t of ['20240501T0905Z', '20240501T1000Z', '20240501T1210Z', '20240501T0000Z'])
      await writeFile(join(day, name(t)), gz);
    await writeFile(join(root, 'b.jsonl'), '{}\n');
    await writeFile(join(root, 'a.ndjson'), '{}\n');
    await writeFile(join(root, 'README.md'), 'not a trail');
    await writeFile(join(root, 'notes.txt'), 'ignored');
    await symlink(join(root, 'missing-target.json'), join(root, 'broken.json'));
    await symlink(root, join(root, 'loop'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('walks folders recursively, sorted, keeping only CloudTrail-looking names', async () => {
    const blobs = await list([root]);
    const found = blobs.map((b) => b.location.slice(root.length + 1));
    assert.deepEqual(found, [
      ...['0000', '0905', '1000', '1210'].map((t) =>
        join('AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/01', name(`20240501T${t}Z`)),
      ),
      'a.ndjson',
      'b.jsonl',
      'broken.json',
    ]);
    const broken = blobs.at(-1)!;
    assert.match(broken.unreadable ?? '', /not found/);
    const first = blobs[0]!;
    assert.equal(first.size, (await first.load()).length);
    const chunks: Uint8Array[] = [];
    for await (const chunk of first.open!()) chunks.push(chunk);
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(await first.load()));
  });

  it("reads a trail's regions side by side, in the time order of their files", async () => {
    const trail = await mkdtemp(join(tmpdir(), 'garrison-regions-'));
    try {
      const gz = gzipSync(delivered(makeRecords(2, 2)));
      const files = [
        ['eu-west-1', '20240501T0010Z'],
        ['eu-west-1', '20240501T0040Z'],
        ['eu-west-1', '20240502T0005Z'],
        ['us-east-1', '20240501T0005Z'],
        ['us-east-1', '20240501T0040Z'],
        ['us-east-1', '20240501T2355Z'],
      ] as const;
      for (const [region, t] of files) {
        const day = join(trail, 'AWSLogs', '1', 'CloudTrail', region, '2024', '05', t.slice(6, 8));
        await mkdir(day, { recursive: true });
        await writeFile(join(day, `1_CloudTrail_${region}_${t}_x.json.gz`), gz);
      }
      const order = (await list([trail])).map((b) =>
        /_([a-z]+-[a-z]+-\d)_(\d+T\d+Z)_/.exec(b.location)!.slice(1).join(' '),
      );
      assert.deepEqual(order, [
        'us-east-1 20240501T0005Z',
        'eu-west-1 20240501T0010Z',
        'eu-west-1 20240501T0040Z',
        'us-east-1 20240501T0040Z',
        'us-east-1 20240501T2355Z',
        'eu-west-1 20240502T0005Z',
      ]);
    } finally {
      await rm(trail, { recursive: true, force: true });
    }
  });

  it('reads a file given by name whatever its extension, and rejects missing paths', async () => {
    const blobs = await list([join(root, 'notes.txt'), join(root, 'nope.json')]);
    assert.equal(blobs[0]!.unreadable, undefined);
    assert.match(blobs[1]!.unreadable ?? '', /not found/);
    await assert.rejects(blobs[1]!.load());
  });

  it('prunes delivered files by the time in their name, with a margin for delivery lag', async () => {
    const since = Date.UTC(2024, 4, 1, 9, 0);
    const until = Date.UTC(2024, 4, 1, 9, 30);
    const blobs = await list([root], { since, until });
    const times = blobs.map((b) => b.location.match(/T(\d{4})Z/)?.[1]).filter(Boolean);
    assert.deepEqual(times, ['0905', '1000']);
    assert.equal(deliveryTime(name('20240501T1210Z')), Date.UTC(2024, 4, 1, 12, 10));
    assert.equal(deliveryTime('some-export.json'), undefined);
    assert.ok(mayHoldWindow('export.json', since, until), 'unknown names are always read');
    assert.equal(deliveryTime(name('20241399T9999Z')), undefined, 'an impossible time is no time');
    assert.ok(mayHoldWindow(name('20241399T9999Z'), since, until));
  });

  it('reads a named pipe as a stream, and refuses other special files', async () => {
    const fifo = join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const [blob] = await list([fifo]);
    assert.equal(blob!.size, undefined);
    assert.ok(blob!.open);
    const writer = writeFile(fifo, '{"Records":[]}');
    const chunks: Uint8Array[] = [];
    for await (const chunk of blob!.open!()) chunks.push(chunk);
    await writer;
    assert.equal(Buffer.concat(chunks).toString(), '{"Records":[]}');
    await rm(fifo);
  });

  it('reads - as stdin', async () => {
    async function* input() {
      yield Buffer.from('{"a":');
      yield Buffer.from('1}');
    }
    const [blob] = await list(['-'], { stdin: input() });
    assert.equal(blob!.location, '-');
    assert.equal(blob!.size, undefined);
    assert.equal(Buffer.from(await blob!.load()).toString(), '{"a":1}');
  });

  it('rejects a file it may not read', async (t) => {
    const secret = join(root, 'secret.json');
    await writeFile(secret, '{}');
    await chmod(secret, 0o000);
    const [blob] = await list([secret]);
    if (process.getuid?.() === 0) {
      t.diagnostic('running as root: chmod does not stop reads; the directory case covers unreadable paths');
      const [through] = await list([join(secret, 'inner.json')]);
      assert.match(through!.unreadable ?? '', /unreadable: .*ENOTDIR/);
    } else {
      await assert.rejects(blob!.load(), /EACCES/);
    }
  });
});
