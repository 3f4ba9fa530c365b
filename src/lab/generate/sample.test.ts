import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SAMPLE_ATTACK, sampleGroundTruth, sampleOptions, sampleReadme } from './make-samples.js';
import { generateTrailFiles } from './trail-files.js';

/** The committed sample, from dist/src/lab/generate/ back to the repository root. */
const SAMPLES = fileURLToPath(new URL('../../../../samples', import.meta.url));

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

describe('the bundled sample', () => {
  it('is exactly what the generator makes (regenerate: node dist/src/lab/generate/make-samples.js)', async () => {
    assert.ok(existsSync(join(SAMPLES, 'cloudtrail')), `${SAMPLES}/cloudtrail is missing`);
    const fresh = await mkdtemp(join(tmpdir(), 'garrison-sample-'));
    try {
      const result = await generateTrailFiles(sampleOptions(fresh));
      const committed = await listFiles(join(SAMPLES, 'cloudtrail'));
      assert.deepEqual(committed, await listFiles(join(fresh, 'cloudtrail')));
      assert.deepEqual(committed, [...result.files, ...result.digestFiles].sort());
      let gzipped = 0;
      for (const file of committed) {
        const mine = await readFile(join(SAMPLES, 'cloudtrail', file));
        gzipped += mine.length;
        const theirs = await readFile(join(fresh, 'cloudtrail', file));
        // Compare content, not gzip bytes: another zlib may compress the same content differently.
        assert.ok(
          gunzipSync(mine).equals(gunzipSync(theirs)),
          `${file} differs from what the generator makes`,
        );
      }
      assert.equal(await readFile(join(SAMPLES, 'README.md'), 'utf8'), sampleReadme(result));
      assert.deepEqual(sampleGroundTruth(), result.groundTruth);
      assert.ok(gzipped < 400_000, `the sample stays small (${gzipped} bytes)`);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('holds the attack story among a day of background in two regions', async () => {
    const files = await listFiles(join(SAMPLES, 'cloudtrail'));
    const records: Array<Record<string, unknown>> = [];
    for (const file of files.filter((f) => f.includes('/CloudTrail/'))) {
      records.push(
        ...JSON.parse(gunzipSync(await readFile(join(SAMPLES, 'cloudtrail', file))).toString()).Records,
      );
    }
    const regions = new Set(records.map((r) => r.awsRegion));
    assert.deepEqual([...regions].sort(), ['eu-west-1', 'us-east-1']);
    const attacker = records.filter((r) => r.sourceIPAddress === SAMPLE_ATTACK.attackerIp);
    const truth = sampleGroundTruth();
    assert.deepEqual(
      attacker.map((r) => r.eventID).sort(),
      [...truth.maliciousEventIds].sort(),
      'the attacker made exactly the malicious events',
    );
    assert.ok(attacker.length >= 40, `${attacker.length} attacker records`);
    assert.ok(attacker.length < records.length / 8, 'the story is a small part of the day');
    const names = new Set(attacker.map((r) => r.eventName));
    for (const name of [
      'GetCallerIdentity',
      'GetObject',
      'CreateUser',
      'CreateAccessKey',
      'StopLogging',
      'DeleteDetector',
      'PutBucketPolicy',
    ]) {
      assert.ok(names.has(name), name);
    }
    const times = records.map((r) => String(r.eventTime)).sort();
    assert.ok(times[0]?.startsWith('2026-11-19T0') && times.at(-1)?.startsWith('2026-11-19T2'));
  });
});
