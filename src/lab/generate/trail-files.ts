/**
 * Writes a generated trail to disk exactly as CloudTrail delivers it to S3: one gzipped
 * `{"Records":[...]}` file per region every few minutes, in the `AWSLogs/...` layout, with an
 * hourly digest file per region. Streams file by file (memory stays small at any size) and
 * compresses on the libuv thread pool while the next file is generated.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GarrisonError } from '../../errors.js';
import type { AttackGroundTruth } from './attack-story.js';
import { BackgroundActivity } from './background.js';
import { DigestBook } from './digests.js';
import { trailTime } from './identities.js';
import { logFileKey } from './layout.js';
import { buildOrganisation } from './organisation.js';
import { Prng } from './prng.js';
import { type StoryOptions, StoryWeaver } from './story-weaver.js';

const gzipAsync = promisify(gzip);
const MINUTE = 60_000;
const MAX_IN_FLIGHT = 3;

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
  /** Records per delivered file, reached at the busiest hour; quiet hours get fewer, never below min. Default [100, 2000]. */
  recordsPerFile?: [number, number];
  /** Minutes each file covers. Default 5, as CloudTrail delivers. */
  fileMinutes?: number;
  /** zlib level, 1 to 6. Default 3: levels 1-3 are zlib's fast path, with nearly level 6's ratio here. */
  gzipLevel?: number;
  /** Write hourly CloudTrail-Digest files. Default true. */
  digests?: boolean;
  /** The attack story to weave into the background; accountId defaults to the trail's. */
  attack?: StoryOptions;
  /** Called after each log file is generated. */
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

/** How busy the account is at a time of day (UTC): a working-day curve between 0.25 and 1. */
export function busyness(ms: number): number {
  const hour = (ms / 3_600_000) % 24;
  return 0.25 + 0.75 * Math.max(0, Math.sin(((hour - 6) / 14) * Math.PI));
}

function timeOf(value: Date | string | number, name: string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new GarrisonError('usage', `${name} is not a time: ${String(value)}`);
  return ms;
}

function checked(options: TrailFilesOptions) {
  const start = timeOf(options.start, 'start');
  const end = options.end === undefined ? undefined : timeOf(options.end, 'end');
  if (options.targetBytes === undefined && end === undefined)
    throw new GarrisonError('usage', 'generateTrailFiles needs targetBytes or end');
  if (end !== undefined && end <= start)
    throw new GarrisonError('usage', 'generateTrailFiles: end is not after start');
  if (!/^\d{12}$/.test(options.accountId))
    throw new GarrisonError('usage', `not an AWS account id: ${options.accountId}`);
  if (options.regions.length === 0)
    throw new GarrisonError('usage', 'generateTrailFiles needs at least one region');
  const bad = options.regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
  if (bad !== undefined) throw new GarrisonError('usage', `not an AWS region: ${bad}`);
  const [min, max] = options.recordsPerFile ?? [100, 2000];
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min)) {
    throw new GarrisonError('usage', `bad recordsPerFile: [${min}, ${max}]`);
  }
  const fileMs = (options.fileMinutes ?? 5) * MINUTE;
  if (!(fileMs >= MINUTE)) throw new GarrisonError('usage', `bad fileMinutes: ${options.fileMinutes}`);
  const level = options.gzipLevel ?? 3;
  if (!(Number.isInteger(level) && level >= 1 && level <= 9))
    throw new GarrisonError('usage', `bad gzipLevel: ${level}`);
  return { start, end, min, max, fileMs, level };
}

/** Generates a realistic trail (background activity, and the attack story if asked) as delivered files. */
export async function generateTrailFiles(options: TrailFilesOptions): Promise<TrailFilesResult> {
  const { start, end, min, max, fileMs, level } = checked(options);
  const root = new Prng(options.seed);
  const org = buildOrganisation(root.fork('organisation'), options.accountId, options.regions);
  const background = new BackgroundActivity(root.fork('background'), org);
  const timing = root.fork('timing');
  const naming = root.fork('naming');
  const book =
    options.digests === false
      ? undefined
      : new DigestBook(options.accountId, org.trailName, org.regions[0] as string, naming.fork('digest'));
  const weaver = options.attack
    ? new StoryWeaver(
        options.attack,
        org,
        root.fork('victim'),
        { start, end, seed: String(options.seed) },
        background,
      )
    : undefined;

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
  let failure: unknown;

  const put = async (key: string, body: Buffer): Promise<void> => {
    const path = join(options.outDir, key);
    const dir = dirname(path);
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const compressed = await gzipAsync(body, { level, chunkSize: 1 << 20 });
    await writeFile(path, compressed);
    result.compressedBytes += compressed.length;
  };
  const schedule = async (key: string, body: Buffer): Promise<void> => {
    const job = put(key, body).catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  const closeDigests = async (fromMs: number, toMs: number): Promise<void> => {
    if (!book) return;
    for (const region of org.regions) {
      const { key, body } = book.close(region, fromMs, toMs);
      result.digestFiles.push(key);
      await schedule(key, body);
    }
  };

  let windowStart = start;
  let hourStart = start;
  for (;;) {
    if (end !== undefined && windowStart >= end) break;
    if (end === undefined && result.bytes >= (options.targetBytes ?? 0) && !weaver?.unfinished) break;
    const windowEnd = end === undefined ? windowStart + fileMs : Math.min(windowStart + fileMs, end);
    const busy = busyness(windowStart);
    for (const region of org.regions) {
      const count = Math.min(
        max,
        Math.max(min, Math.round((min + (max - min) * busy) * (0.6 + 0.4 * timing.next()))),
      );
      const times: number[] = [];
      for (let i = 0; i < count; i++) times.push(windowStart + timing.int(windowEnd - windowStart));
      times.sort((a, b) => a - b);
      const parts: string[] = [];
      for (const ms of times) {
        weaver?.take(region, ms, true, parts);
        parts.push(JSON.stringify(background.record(region, ms)));
      }
      weaver?.take(region, windowEnd, false, parts);
      const body = Buffer.from(`{"Records":[${parts.join(',')}]}`);
      const key = logFileKey(naming, options.accountId, region, windowEnd + timing.int(4 * MINUTE));
      result.files.push(key);
      result.records += parts.length;
      result.bytes += body.length;
      book?.add(region, key, body, times[0] ?? windowStart, times.at(-1) ?? windowStart);
      await schedule(key, body);
      options.onFile?.({ files: result.files.length, records: result.records, bytes: result.bytes });
    }
    windowStart = windowEnd;
    if (windowStart - hourStart >= 60 * MINUTE) {
      await closeDigests(hourStart, windowStart);
      hourStart = windowStart;
    }
  }
  if (windowStart > hourStart) await closeDigests(hourStart, windowStart);
  await Promise.all(inFlight);
  if (failure) throw failure;
  result.end = trailTime(windowStart);
  if (weaver) result.groundTruth = weaver.story.groundTruth;
  return result;
}
