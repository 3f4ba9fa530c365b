/**
 * Writes a generated trail to disk exactly as CloudTrail delivers it to S3: one gzipped
 * `{"Records":[...]}` file per region every few minutes, in the `AWSLogs/...` layout, with an
 * hourly digest file per region. Streams file by file (memory stays small at any size) and
 * compresses on the libuv thread pool while the next file is generated.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GarrisonError } from '../../errors.js';
import { type AttackGroundTruth, type AttackStoryParams, attackStory } from './attack-story.js';
import { BackgroundActivity } from './background.js';
import type { TrailEvent } from './event.js';
import { trailTime } from './identities.js';
import { digestFileKey, logFileKey } from './layout.js';
import { buildOrganisation } from './organisation.js';
import { Prng } from './prng.js';

const gzipAsync = promisify(gzip);
const MINUTE = 60_000;

export interface TrailFilesOptions {
  outDir: string;
  seed: number | string;
  accountId: string;
  regions: string[];
  /** The start of the generated period (nothing reads the clock). */
  start: Date | string | number;
  /** Stop once this many uncompressed bytes are written (and the attack story is complete). */
  targetBytes?: number;
  /** Or stop at this time (exclusive). One of targetBytes and end is required. */
  end?: Date | string | number;
  /** Records per delivered file, at the busiest hour; quiet hours get fewer (never below min). Default [100, 2000]. */
  recordsPerFile?: [number, number];
  /** Minutes each file covers. Default 5, as CloudTrail delivers. */
  fileMinutes?: number;
  /** zlib level, 1 (fast) to 6. Default 6. */
  gzipLevel?: number;
  /** Write hourly CloudTrail-Digest files. Default true. */
  digests?: boolean;
  /** The attack story to weave into the background; accountId and seed default to the trail's. */
  attack?: Omit<AttackStoryParams, 'accountId'> & { accountId?: string };
  /** Called after each log file is written. */
  onFile?: (progress: { files: number; records: number; bytes: number }) => void;
}

export interface TrailFilesResult {
  /** Log files written, relative to outDir, in generation order. */
  files: string[];
  digestFiles: string[];
  records: number;
  /** Uncompressed bytes of the log files. */
  bytes: number;
  compressedBytes: number;
  start: string;
  end: string;
  groundTruth?: AttackGroundTruth;
}

interface DigestState {
  logFiles: Array<Record<string, unknown>>;
  previous?: { key: string; hash: string };
}

/** How busy the account is at a given hour (UTC): a working-day curve between 0.25 and 1. */
function busyness(ms: number): number {
  const hour = new Date(ms).getUTCHours() + new Date(ms).getUTCMinutes() / 60;
  const day = Math.max(0, Math.sin(((hour - 6) / 14) * Math.PI));
  return 0.25 + 0.75 * day;
}

function timeOf(value: Date | string | number, name: string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new GarrisonError('usage', `${name} is not a time: ${String(value)}`);
  return ms;
}

export async function generateTrailFiles(options: TrailFilesOptions): Promise<TrailFilesResult> {
  const start = timeOf(options.start, 'start');
  const end = options.end === undefined ? undefined : timeOf(options.end, 'end');
  if (options.targetBytes === undefined && end === undefined)
    throw new GarrisonError('usage', 'generateTrailFiles needs targetBytes or end');
  if (!/^\d{12}$/.test(options.accountId))
    throw new GarrisonError('usage', `not an AWS account id: ${options.accountId}`);
  if (options.regions.length === 0)
    throw new GarrisonError('usage', 'generateTrailFiles needs at least one region');
  const [minRecords, maxRecords] = options.recordsPerFile ?? [100, 2000];
  if (!(minRecords >= 1 && maxRecords >= minRecords))
    throw new GarrisonError('usage', `bad recordsPerFile: [${minRecords}, ${maxRecords}]`);
  const fileMs = (options.fileMinutes ?? 5) * MINUTE;
  const level = options.gzipLevel ?? 6;
  const digests = options.digests ?? true;

  const root = new Prng(options.seed);
  const org = buildOrganisation(root.fork('organisation'), options.accountId, options.regions);
  const background = new BackgroundActivity(root.fork('background'), org);
  const timing = root.fork('timing');
  const naming = root.fork('naming');

  let story: ReturnType<typeof attackStory> | undefined;
  const pending = new Map<string, TrailEvent[]>();
  if (options.attack) {
    story = attackStory({
      trailName: org.trailName,
      seed: `${String(options.seed)}:attack`,
      ...options.attack,
      accountId: options.attack.accountId ?? options.accountId,
    });
    for (const record of story.records) {
      const region = String(record.awsRegion);
      if (!options.regions.includes(region)) {
        throw new GarrisonError(
          'usage',
          `the attack story logs in ${region}, which is not among the generated regions (${options.regions.join(', ')})`,
        );
      }
      const ms = Date.parse(String(record.eventTime));
      if (ms < start || (end !== undefined && ms >= end)) {
        throw new GarrisonError(
          'usage',
          `the attack story (${String(record.eventTime)}) falls outside the generated period`,
        );
      }
      const list = pending.get(region) ?? [];
      list.push(record);
      pending.set(region, list);
    }
  }
  const storyLeft = () => [...pending.values()].some((list) => list.length > 0);

  const result: TrailFilesResult = {
    files: [],
    digestFiles: [],
    records: 0,
    bytes: 0,
    compressedBytes: 0,
    start: trailTime(start),
    end: trailTime(start),
  };
  const madeDirs = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const digestState = new Map<string, DigestState>(options.regions.map((r) => [r, { logFiles: [] }]));

  const put = async (key: string, body: Buffer): Promise<number> => {
    const path = join(options.outDir, key);
    const dir = dirname(path);
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const compressed = await gzipAsync(body, { level });
    await writeFile(path, compressed);
    return compressed.length;
  };

  const writeDigest = async (region: string, fromMs: number, toMs: number): Promise<void> => {
    const state = digestState.get(region) as DigestState;
    const key = digestFileKey(options.accountId, region, org.trailName, options.regions[0] as string, toMs);
    const bucket = `${options.accountId}-cloudtrail`;
    const digest = {
      awsAccountId: options.accountId,
      digestStartTime: trailTime(fromMs),
      digestEndTime: trailTime(toMs),
      digestS3Bucket: bucket,
      digestS3Object: key,
      digestPublicKeyFingerprint: naming.hex(16),
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: state.logFiles.at(-1)?.newestEventTime ?? null,
      oldestEventTime: state.logFiles[0]?.oldestEventTime ?? null,
      previousDigestS3Bucket: state.previous ? bucket : null,
      previousDigestS3Object: state.previous?.key ?? null,
      previousDigestHashValue: state.previous?.hash ?? null,
      previousDigestHashAlgorithm: state.previous ? 'SHA-256' : null,
      previousDigestSignature: state.previous ? naming.hex(32) : null,
      logFiles: state.logFiles,
    };
    const body = Buffer.from(JSON.stringify(digest));
    state.previous = { key, hash: createHash('sha256').update(body).digest('hex') };
    state.logFiles = [];
    await put(key, body);
    result.digestFiles.push(key);
  };

  const enough = () => (options.targetBytes !== undefined ? result.bytes >= options.targetBytes : false);
  let windowStart = start;
  let hourStart = start;
  for (;;) {
    if (end !== undefined && windowStart >= end) break;
    if (enough() && !storyLeft()) break;
    const windowEnd = end === undefined ? windowStart + fileMs : Math.min(windowStart + fileMs, end);
    const busy = busyness(windowStart);
    for (const region of options.regions) {
      const wanted = Math.max(
        minRecords,
        Math.round((minRecords + (maxRecords - minRecords) * busy) * (0.6 + 0.4 * timing.next())),
      );
      const count = Math.min(maxRecords, wanted);
      const times: number[] = [];
      for (let i = 0; i < count; i++) times.push(windowStart + timing.int(windowEnd - windowStart));
      times.sort((a, b) => a - b);
      const story = pending.get(region);
      const parts: string[] = [];
      for (const ms of times) {
        while (story?.length && Date.parse(String(story[0]?.eventTime)) <= ms)
          parts.push(JSON.stringify(story.shift()));
        parts.push(JSON.stringify(background.record(region, ms)));
      }
      while (story?.length && Date.parse(String(story[0]?.eventTime)) < windowEnd)
        parts.push(JSON.stringify(story.shift()));
      const body = Buffer.from(`{"Records":[${parts.join(',')}]}`);
      const delivered = windowEnd + timing.int(4 * MINUTE);
      const key = logFileKey(naming, options.accountId, region, delivered);
      result.files.push(key);
      result.records += parts.length;
      result.bytes += body.length;
      if (digests) {
        (digestState.get(region) as DigestState).logFiles.push({
          s3Bucket: `${options.accountId}-cloudtrail`,
          s3Object: key,
          hashValue: createHash('sha256').update(body).digest('hex'),
          hashAlgorithm: 'SHA-256',
          newestEventTime: trailTime(times.at(-1) ?? windowStart),
          oldestEventTime: trailTime(times[0] ?? windowStart),
        });
      }
      const job = put(key, body).then((n) => {
        result.compressedBytes += n;
      });
      inFlight.add(job);
      job.finally(() => inFlight.delete(job)).catch(() => undefined);
      if (inFlight.size >= 3) await Promise.race(inFlight);
      options.onFile?.({ files: result.files.length, records: result.records, bytes: result.bytes });
    }
    windowStart = windowEnd;
    if (digests && windowStart - hourStart >= 60 * MINUTE) {
      await Promise.all(inFlight);
      for (const region of options.regions) await writeDigest(region, hourStart, windowStart);
      hourStart = windowStart;
    }
  }
  await Promise.all(inFlight);
  if (digests && windowStart > hourStart) {
    for (const region of options.regions) await writeDigest(region, hourStart, windowStart);
  }
  result.end = trailTime(windowStart);
  if (story) result.groundTruth = story.groundTruth;
  return result;
}
