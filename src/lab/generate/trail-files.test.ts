import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { isGarrisonError } from '../../errors.js';
import { checkRecord } from '../../trail/record.js';
import { LOG_FILE_KEY } from './layout.js';
import { generateTrailFiles, type TrailFilesOptions } from './trail-files.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'garrison-gen-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

const ATTACK = {
  region: 'us-east-1',
  start: '2026-11-19T10:50:00Z',
  instanceId: 'i-0123456789abcdef0',
  instanceRoleName: 'web-instance-role',
  dataBucket: '111122223333-customer-exports',
};

function options(outDir: string, extra: Partial<TrailFilesOptions> = {}): TrailFilesOptions {
  return {
    outDir,
    seed: 42,
    accountId: '111122223333',
    regions: ['us-east-1', 'eu-west-1'],
    start: '2026-11-19T10:00:00Z',
    end: '2026-11-19T13:20:00Z',
    recordsPerFile: [20, 60],
    fileMinutes: 10,
    ...extra,
  };
}

describe('generateTrailFiles', () => {
  it('writes the delivered layout: gzipped single-line {"Records":[...]} files with valid records', async () => {
    const dir = await tempDir();
    const result = await generateTrailFiles(options(dir, { attack: ATTACK }));
    const onDisk = await listFiles(dir);
    assert.deepEqual(
      onDisk.filter((f) => f.includes('/CloudTrail/')),
      [...result.files].sort(),
    );
    assert.equal(result.files.length, 20 * 2);
    let records = 0;
    let bytes = 0;
    const seen = new Map<string, string>();
    for (const key of result.files) {
      const match = LOG_FILE_KEY.exec(key);
      assert.ok(match, `key ${key}`);
      const [, account, region, yyyy, mm, dd] = match;
      assert.equal(account, '111122223333');
      const text = gunzipSync(await readFile(join(dir, key))).toString();
      bytes += Buffer.byteLength(text);
      assert.ok(text.startsWith('{"Records":[{"eventVersion":"1.'), key);
      assert.ok(text.endsWith('}]}') && !text.includes('\n'));
      const list = JSON.parse(text).Records as Array<Record<string, unknown>>;
      const background = list.filter(
        (r) => !result.groundTruth?.maliciousEventIds.includes(String(r.eventID)),
      );
      assert.ok(background.length >= 17 && background.length <= 63, `${list.length} records`);
      const times = list.map((r) => String(r.eventTime));
      assert.deepEqual(times, [...times].sort(), 'time order within a file');
      assert.ok(times[0]?.startsWith(`${yyyy}-${mm}-${dd}`));
      for (const r of list) {
        const check = checkRecord(r);
        assert.ok(check.ok, check.ok ? '' : check.reason);
        assert.equal(r.awsRegion, region);
        seen.set(String(r.eventID), region as string);
      }
      records += list.length;
    }
    assert.equal(records, result.records);
    assert.equal(bytes, result.bytes);
    assert.ok(result.compressedBytes > 0 && result.compressedBytes < result.bytes / 3);
    assert.equal(result.start, '2026-11-19T10:00:00Z');
    assert.equal(result.end, '2026-11-19T13:20:00Z');
    const truth = result.groundTruth;
    assert.ok(truth);
    for (const id of truth.maliciousEventIds) assert.ok(seen.has(id), `malicious event ${id} written`);
  });

  it('writes hourly digest files that hash and chain the log files', async () => {
    const dir = await tempDir();
    const result = await generateTrailFiles(options(dir, { end: '2026-11-19T12:00:00Z' }));
    assert.equal(result.digestFiles.length, 4);
    const listed = new Set<string>();
    const previous = new Map<string, string>();
    for (const key of result.digestFiles) {
      assert.match(
        key,
        /^AWSLogs\/111122223333\/CloudTrail-Digest\/(us-east-1|eu-west-1)\/2026\/11\/19\/111122223333_CloudTrail-Digest_\1_org-audit-trail_us-east-1_20261119T1[12]0000Z\.json\.gz$/,
      );
      const region = key.split('/')[3] as string;
      const digest = JSON.parse(gunzipSync(await readFile(join(dir, key))).toString());
      assert.equal(digest.previousDigestS3Object, previous.get(region) ?? null);
      previous.set(region, key);
      for (const file of digest.logFiles) {
        const body = gunzipSync(await readFile(join(dir, file.s3Object)));
        assert.equal(file.hashValue, createHash('sha256').update(body).digest('hex'));
        listed.add(file.s3Object);
      }
    }
    assert.deepEqual([...listed].sort(), [...result.files].sort());
  });

  it('makes the same bytes for the same seed, in worker threads or not, and others for another seed', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    const first = await generateTrailFiles(
      options(a, { attack: ATTACK, recordsPerFile: [5, 10], workers: 2 }),
    );
    const second = await generateTrailFiles(
      options(b, { attack: ATTACK, recordsPerFile: [5, 10], workers: 1 }),
    );
    const other = await generateTrailFiles(options(c, { attack: ATTACK, recordsPerFile: [5, 10], seed: 43 }));
    assert.deepEqual(first, second);
    const files = await listFiles(a);
    assert.deepEqual(await listFiles(b), files);
    for (const f of files) assert.ok((await readFile(join(a, f))).equals(await readFile(join(b, f))), f);
    assert.notDeepEqual(other.files, first.files);
    assert.notDeepEqual(other.groundTruth?.maliciousEventIds, first.groundTruth?.maliciousEventIds);
  });

  it('stops once the target size is written, but never before the attack story is complete', async () => {
    const dir = await tempDir();
    const small = await generateTrailFiles(
      options(dir, { end: undefined, targetBytes: 300_000, digests: false }),
    );
    assert.ok(small.bytes >= 300_000 && small.bytes < 300_000 + 2 * 60 * 2200, `${small.bytes} bytes`);
    assert.equal(small.digestFiles.length, 0);
    const late = await generateTrailFiles(
      options(await tempDir(), { end: undefined, targetBytes: 1, digests: false, attack: ATTACK }),
    );
    assert.ok(late.end > '2026-11-19T13:11:00Z', `ends at ${late.end}, after the story`);
  });

  it('refuses options it cannot honour, naming the problem', async () => {
    const dir = await tempDir();
    const refused = async (extra: Partial<TrailFilesOptions>, pattern: RegExp) => {
      await assert.rejects(
        generateTrailFiles(options(dir, extra)),
        (error: unknown) => isGarrisonError(error) && pattern.test(error.message),
      );
    };
    await refused({ end: undefined }, /targetBytes or end/);
    await refused({ accountId: '1234' }, /account id/);
    await refused({ regions: [] }, /region/);
    await refused({ regions: ['us-east-1', '../../etc'] }, /not an AWS region/);
    await refused({ recordsPerFile: [10, 5] }, /recordsPerFile/);
    await refused({ start: 'not a time' }, /start is not a time/);
    await refused({ attack: { ...ATTACK, region: 'ap-south-1' } }, /ap-south-1.*not among/);
    await refused({ attack: { ...ATTACK, start: '2026-11-19T12:30:00Z' } }, /outside the generated period/);
    await refused({ gzipLevel: 12 }, /gzipLevel/);
    await refused({ end: undefined, targetBytes: Number.NaN }, /targetBytes/);
    await refused({ fileMinutes: Number.POSITIVE_INFINITY }, /fileMinutes/);
    await refused({ regions: ['us-east-1', 'us-east-1'] }, /twice/);
  });

  it('reports a write failure instead of losing it', async () => {
    const dir = await tempDir();
    const blocker = join(dir, 'AWSLogs');
    await writeFile(blocker, 'a file where a folder must go');
    await assert.rejects(generateTrailFiles(options(dir, { end: '2026-11-19T10:30:00Z' })), /EEXIST|ENOTDIR/);
  });

  it('stops the other regions when one region cannot be written', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'AWSLogs/111122223333/CloudTrail'), { recursive: true });
    await writeFile(join(dir, 'AWSLogs/111122223333/CloudTrail/eu-west-1'), 'a file where a folder must go');
    const huge = options(dir, { end: undefined, targetBytes: 50e9, workers: 2, digests: false });
    await assert.rejects(generateTrailFiles(huge), /EEXIST|ENOTDIR/);
    const count = async () => (await listFiles(dir)).length;
    const before = await count();
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await count(), before, 'nothing is written after the failure');
  });
});
