/**
 * One region's delivered trail: its log files, one every `fileMinutes`, and its hourly digests.
 * A region's content depends only on the seed and the region, so regions can be written apart
 * (in worker threads) and the whole trail is the same bytes however the work was split.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { BackgroundActivity } from './background.js';
import { DigestBook } from './digests.js';
import { logFileKey } from './layout.js';
import { buildOrganisation } from './organisation.js';
import { Prng } from './prng.js';
import { type StoryOptions, StoryWeaver } from './story-weaver.js';

const gzipAsync = promisify(gzip);
const MINUTE = 60_000;
const MAX_IN_FLIGHT = 3;

/** Everything a region's writer needs; plain data, so it can cross into a worker thread. */
export interface RegionJob {
  outDir: string;
  seed: string;
  accountId: string;
  /** All the trail's regions (the organisation spans them); `region` is the one to write. */
  regions: string[];
  region: string;
  start: number;
  end?: number;
  /** This region's share of the target size. */
  targetBytes?: number;
  minRecords: number;
  maxRecords: number;
  fileMs: number;
  level: number;
  digests: boolean;
  attack?: StoryOptions;
}

export interface RegionResult {
  region: string;
  files: string[];
  digestFiles: string[];
  records: number;
  bytes: number;
  compressedBytes: number;
  endMs: number;
}

/** How busy the account is at a time of day (UTC): a working-day curve between 0.25 and 1. */
export function busyness(ms: number): number {
  const hour = (ms / 3_600_000) % 24;
  return 0.25 + 0.75 * Math.max(0, Math.sin(((hour - 6) / 14) * Math.PI));
}

export async function writeRegionTrail(
  job: RegionJob,
  onFile?: (records: number, bytes: number) => void,
): Promise<RegionResult> {
  const { region, fileMs, minRecords: min, maxRecords: max } = job;
  const org = buildOrganisation(new Prng(job.seed).fork('organisation'), job.accountId, job.regions);
  const weaver = job.attack
    ? new StoryWeaver(job.attack, org, new Prng(`${job.seed}:victim`), {
        start: job.start,
        end: job.end,
        seed: job.seed,
      })
    : undefined;
  const background = new BackgroundActivity(new Prng(`${job.seed}:background:${region}`), org, job.seed);
  const timing = new Prng(`${job.seed}:timing:${region}`);
  const naming = new Prng(`${job.seed}:naming:${region}`);
  const book = job.digests
    ? new DigestBook(
        job.accountId,
        org.trailName,
        org.regions[0] as string,
        new Prng(`${job.seed}:digest:${region}`),
      )
    : undefined;
  const result: RegionResult = {
    region,
    files: [],
    digestFiles: [],
    records: 0,
    bytes: 0,
    compressedBytes: 0,
    endMs: job.start,
  };

  const madeDirs = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const put = async (key: string, body: Buffer): Promise<void> => {
    const path = join(job.outDir, key);
    const dir = dirname(path);
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const compressed = await gzipAsync(body, { level: job.level, chunkSize: 1 << 20 });
    await writeFile(path, compressed);
    result.compressedBytes += compressed.length;
  };
  const schedule = async (key: string, body: Buffer): Promise<void> => {
    const task = put(key, body).catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  const closeDigest = async (fromMs: number, toMs: number): Promise<void> => {
    if (!book) return;
    const { key, body } = book.close(region, fromMs, toMs);
    result.digestFiles.push(key);
    await schedule(key, body);
  };

  let windowStart = job.start;
  let hourStart = job.start;
  for (;;) {
    if (job.end !== undefined && windowStart >= job.end) break;
    if (job.end === undefined && result.bytes >= (job.targetBytes ?? 0) && !weaver?.unfinished(region)) break;
    const windowEnd = job.end === undefined ? windowStart + fileMs : Math.min(windowStart + fileMs, job.end);
    const count = Math.min(
      max,
      Math.max(min, Math.round((min + (max - min) * busyness(windowStart)) * (0.6 + 0.4 * timing.next()))),
    );
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(windowStart + timing.int(windowEnd - windowStart));
    times.sort((a, b) => a - b);
    const parts: string[] = [];
    for (const ms of times) {
      weaver?.take(region, ms, true, parts, background);
      parts.push(JSON.stringify(background.record(region, ms)));
    }
    weaver?.take(region, windowEnd, false, parts, background);
    const body = Buffer.from(`{"Records":[${parts.join(',')}]}`);
    const key = logFileKey(naming, job.accountId, region, windowEnd + timing.int(4 * MINUTE));
    result.files.push(key);
    result.records += parts.length;
    result.bytes += body.length;
    book?.add(region, key, body, times[0] ?? windowStart, times.at(-1) ?? windowStart);
    await schedule(key, body);
    onFile?.(parts.length, body.length);
    windowStart = windowEnd;
    if (windowStart - hourStart >= 60 * MINUTE) {
      await closeDigest(hourStart, windowStart);
      hourStart = windowStart;
    }
  }
  if (windowStart > hourStart) await closeDigest(hourStart, windowStart);
  await Promise.all(inFlight);
  if (failure) throw failure;
  result.endMs = windowStart;
  return result;
}
