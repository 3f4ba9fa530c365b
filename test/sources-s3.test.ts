import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsClients } from '../src/aws/clients.js';
import { GarrisonError } from '../src/errors.js';
import { deliveryTime } from '../src/trail/files.js';
import { eventsFilterSpec } from '../src/trail/filter-spec.js';
import type { Blob } from '../src/trail/scan/types.js';
import { readTrail } from '../src/trail/sources/read-trail.js';
import { parseS3Url, s3TrailBlobs } from '../src/trail/sources/s3.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { recordingProxy, S3_INTERNAL_ERROR, S3_SLOW_DOWN } from './helpers/s3-fault-proxy.js';
import { type DeliveredFile, recordCalls, trailRecord, uploadTrail } from './helpers/trail-fixtures.js';

const A = '111122223333';
const B = '444455556666';

function layout(): DeliveredFile[] {
  const files: DeliveredFile[] = [];
  for (const account of [A, B])
    for (const region of ['us-east-1', 'eu-west-1'])
      for (const day of ['2026/03/10', '2026/03/12', '2026/03/14'])
        files.push({
          account,
          region,
          day,
          ...(account === B ? { org: 'o-exampleorg1' } : {}),
          records: [
            trailRecord({
              recipientAccountId: account,
              awsRegion: region,
              eventTime: `${day.replaceAll('/', '-')}T10:00:00Z`,
            }),
          ],
        });
  return files;
}

/** An account's regions are read side by side, in time order, not one region after the other. */
function assertRegionsSideBySide(blobs: Blob[]): void {
  const ofA = blobs.filter((b) => b.location.includes(`/${A}/`)).map((b) => b.location);
  const times = ofA.map((key) => deliveryTime(key) ?? Number.NaN);
  assert.deepEqual(
    times,
    [...times].sort((x, y) => x - y),
    'in delivery-time order',
  );
  assert.deepEqual(
    ofA.map((key) => /\/(\d{4}\/\d\d\/\d\d)\//.exec(key)?.[1]),
    ['2026/03/10', '2026/03/10', '2026/03/12', '2026/03/12', '2026/03/14', '2026/03/14'],
    'both regions of a day before the next day',
  );
}

async function collect(blobs: AsyncIterable<Blob>): Promise<Blob[]> {
  const out: Blob[] = [];
  for await (const blob of blobs) out.push(blob);
  return out;
}

describe('parseS3Url', () => {
  it('splits bucket and prefix and refuses what is not an S3 location', () => {
    assert.deepEqual(parseS3Url('s3://trail-bucket/AWSLogs/'), {
      bucket: 'trail-bucket',
      prefix: 'AWSLogs/',
    });
    assert.deepEqual(parseS3Url('s3://trail-bucket'), { bucket: 'trail-bucket', prefix: '' });
    assert.throws(() => parseS3Url('s3://'), GarrisonError);
    assert.throws(() => parseS3Url('s3://UPPER/x'), /not an S3 location/);
  });
});

describe('S3 CloudTrail source on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('lists every delivered log file, skipping digests and other objects', async () => {
    const s3 = moto.clients().client(S3Client);
    const keys = await uploadTrail(s3, 'trail-all', layout());
    const digest = `AWSLogs/${A}/CloudTrail-Digest/us-east-1/2026/03/14/${A}_CloudTrail-Digest_us-east-1_x.json.gz`;
    await s3.send(new PutObjectCommand({ Bucket: 'trail-all', Key: digest, Body: '{}' }));
    await s3.send(new PutObjectCommand({ Bucket: 'trail-all', Key: 'README.txt', Body: 'not a trail' }));
    const blobs = await collect(s3TrailBlobs(s3, parseS3Url('s3://trail-all')));
    assert.deepEqual(blobs.map((b) => b.location).sort(), keys.map((k) => `s3://trail-all/${k}`).sort());
    assertRegionsSideBySide(blobs);
    const bytes = await blobs[0]!.load();
    const records = JSON.parse(gunzipSync(bytes).toString('utf8')).Records;
    assert.equal(records.length, 1);
    assert.ok((blobs[0]!.size ?? 0) > 0);
    const chunks: Uint8Array[] = [];
    for await (const chunk of blobs[1]!.open!()) chunks.push(chunk);
    assert.equal(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')).Records.length, 1);
  });

  it('finds a trail delivered under a key prefix from the bucket root, regions still side by side', async () => {
    const s3 = moto.clients().client(S3Client);
    const files = layout().map((file) => ({ ...file, prefix: 'logs/cloudtrail/prod/' }));
    const keys = await uploadTrail(s3, 'trail-prefixed', files);
    await s3.send(
      new PutObjectCommand({ Bucket: 'trail-prefixed', Key: 'exports/2026/x.txt', Body: 'other' }),
    );
    const blobs = await collect(s3TrailBlobs(s3, parseS3Url('s3://trail-prefixed')));
    assert.deepEqual(blobs.map((b) => b.location).sort(), keys.map((k) => `s3://trail-prefixed/${k}`).sort());
    assertRegionsSideBySide(blobs);
  });

  it('prunes accounts, regions and days before listing or downloading them', async () => {
    const s3 = moto.clients().client(S3Client);
    const keys = await uploadTrail(s3, 'trail-pruned', layout());
    const calls = recordCalls(s3);
    const scope = {
      since: new Date('2026-03-14T08:00:00Z'),
      until: new Date('2026-03-14T12:00:00Z'),
      accounts: [B],
      regions: ['eu-west-1'],
    };
    const blobs = await collect(s3TrailBlobs(s3, parseS3Url('s3://trail-pruned'), scope));
    const wanted = keys.filter((k) => k.includes(`/${B}/`) && k.includes('/eu-west-1/2026/03/14/'));
    assert.equal(wanted.length, 1);
    assert.deepEqual(
      blobs.map((b) => b.location),
      wanted.map((k) => `s3://trail-pruned/${k}`),
    );
    for (const blob of blobs) await blob.load();
    const listed = calls
      .filter((c) => c.command === 'ListObjectsV2Command')
      .map((c) => String(c.input.Prefix));
    assert.ok(!listed.some((p) => p.includes(A)), `listed account A: ${listed}`);
    assert.ok(!listed.some((p) => p.includes('us-east-1')), `listed us-east-1: ${listed}`);
    assert.ok(
      !listed.some((p) => p.includes('/2026/03/10/') || p.includes('/2026/03/12/')),
      `listed pruned days: ${listed}`,
    );
    const downloaded = calls.filter((c) => c.command === 'GetObjectCommand').map((c) => c.input.Key);
    assert.deepEqual(downloaded, wanted);
  });

  it('starts from a prefix inside the layout and from a single object key', async () => {
    const s3 = moto.clients().client(S3Client);
    const keys = await uploadTrail(s3, 'trail-prefix', layout());
    const underRegion = await collect(
      s3TrailBlobs(s3, parseS3Url(`s3://trail-prefix/AWSLogs/${A}/CloudTrail/us-east-1/`)),
    );
    assert.equal(underRegion.length, 3);
    const one = await collect(s3TrailBlobs(s3, parseS3Url(`s3://trail-prefix/${keys[0]}`)));
    assert.deepEqual(
      one.map((b) => b.location),
      [`s3://trail-prefix/${keys[0]}`],
    );
  });

  it('keeps at most the configured number of downloads in flight', async () => {
    const s3 = moto.clients().client(S3Client);
    await uploadTrail(s3, 'trail-limit', layout());
    let active = 0;
    let peak = 0;
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'GetObjectCommand') return next(args);
        active++;
        peak = Math.max(peak, active);
        try {
          return await next(args);
        } finally {
          active--;
        }
      },
      { step: 'initialize', name: 'peakCounter' },
    );
    const blobs = await collect(s3TrailBlobs(s3, parseS3Url('s3://trail-limit'), {}, { concurrency: 2 }));
    await Promise.all(blobs.map((b) => b.load()));
    assert.equal(blobs.length, 12);
    assert.equal(peak, 2);
  });

  it('rides out S3 throttling, and rejects (counts, locates) an object that keeps failing while reading the rest', async () => {
    const s3 = moto.clients().client(S3Client);
    const keys = await uploadTrail(s3, 'trail-faulty', layout().slice(0, 3));
    const [throttled, broken] = [keys[0]!, keys[1]!];
    const proxy = await recordingProxy(moto.endpoint, (line, seenBefore) => {
      if (!line.startsWith('GET ') || line.includes('list-type=2')) return undefined;
      if (line.includes(throttled) && seenBefore === 0) return S3_SLOW_DOWN;
      if (line.includes(broken)) return S3_INTERNAL_ERROR;
      return undefined;
    });
    try {
      const clients = new AwsClients({ endpointUrl: proxy.url, region: 'us-east-1', maxAttempts: 2 });
      const run = readTrail(['s3://trail-faulty'], { matcher: eventsFilterSpec({}), clients, workers: 1 });
      let matched = 0;
      for await (const event of run) if (event.kind === 'match') matched++;
      assert.equal(matched, 2);
      assert.equal(run.summary.rejected, 1);
      assert.equal(run.summary.errors[0]!.location, `s3://trail-faulty/${broken}`);
      assert.match(run.summary.errors[0]!.reason, /InternalError|internal error/);
      const gets = (key: string) =>
        proxy.requests.filter((r) => r.startsWith('GET ') && r.includes(key)).length;
      assert.equal(gets(throttled), 2, 'the throttled download was retried once');
      assert.equal(gets(broken), 2, 'the failing download was tried maxAttempts times');
    } finally {
      await proxy.close();
    }
  });

  it('fails with an AWS error and a hint when the bucket does not exist', async () => {
    const s3 = moto.clients().client(S3Client);
    await assert.rejects(
      collect(s3TrailBlobs(s3, parseS3Url('s3://no-such-bucket-here'))),
      (error: unknown) => {
        assert.ok(error instanceof GarrisonError);
        assert.equal(error.code, 'aws');
        assert.match(error.message, /NoSuchBucket/);
        assert.ok(error.hint);
        return true;
      },
    );
  });
});
