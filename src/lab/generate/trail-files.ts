/**
 * Writes a generated trail to disk exactly as CloudTrail delivers it to S3: one gzipped
 * `{"Records":[...]}` file per region every few minutes, in the `AWSLogs/...` layout, with an
 * hourly digest file per region. Streams file by file (memory stays small at any size), writes
 * regions in parallel worker threads, and compresses on the thread pool while generating.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { GarrisonError } from '../../errors.js';
import type { AttackGroundTruth, AttackStory } from './attack-story.js';
import { trailTime } from './identities.js';
import { buildOrganisation } from './organisation.js';
import { Prng } from './prng.js';
import { type RegionJob, type RegionResult, writeRegionTrail } from './region-trail.js';
import type { WorkerMessage } from './region-worker.js';
import { type StoryOptions, StoryWeaver } from './story-weaver.js';

const MINUTE = 60_000;

export interface TrailFilesOptions {
  outDir: string;
  seed: number | string;
  accountId: string;
  regions: string[];
  /** The start of the generated period (nothing reads the clock). */
  start: Date | string | number;
  /** Stop once about this many uncompressed bytes are written (each region its share) and the story is complete. */
  targetBytes?: number;
  /** Or stop at this time (exclusive). One of targetBytes and end is required. */
  end?: Date | string | number;
  /** Records per delivered file, reached at the busiest hour; quiet hours get fewer, never below min. Default [100, 2000]. */
  recordsPerFile?: [number, number];
  /** Minutes each file covers. Default 5, as CloudTrail delivers. */
  fileMinutes?: number;
  /** zlib level, 1 to 9. Default 3: levels 1-3 are zlib's fast path, with nearly level 6's ratio here. */
  gzipLevel?: number;
  /** Write hourly CloudTrail-Digest files. Default true. */
  digests?: boolean;
  /** The attack story to weave into the background; accountId defaults to the trail's. */
  attack?: StoryOptions;
  /** Worker threads (each writes whole regions). Default: one per region, up to the CPUs; 1 writes in-process. The output is the same. */
  workers?: number;
  /** Called after each log file is generated, with running totals. */
  onFile?: (progress: { files: number; records: number; bytes: number }) => void;
}

export interface TrailFilesResult {
  /** Log files written, relative to outDir: region by region (in the order given), in time order. */
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

function timeOf(value: Date | string | number, name: string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new GarrisonError('usage', `${name} is not a time: ${String(value)}`);
  return ms;
}

function jobsFor(options: TrailFilesOptions): RegionJob[] {
  const start = timeOf(options.start, 'start');
  const end = options.end === undefined ? undefined : timeOf(options.end, 'end');
  if (options.targetBytes === undefined && end === undefined)
    throw new GarrisonError('usage', 'generateTrailFiles needs targetBytes or end');
  if (
    options.targetBytes !== undefined &&
    !(Number.isFinite(options.targetBytes) && options.targetBytes >= 0)
  )
    throw new GarrisonError('usage', `bad targetBytes: ${options.targetBytes}`);
  if (end !== undefined && end <= start)
    throw new GarrisonError('usage', 'generateTrailFiles: end is not after start');
  if (!/^\d{12}$/.test(options.accountId))
    throw new GarrisonError('usage', `not an AWS account id: ${options.accountId}`);
  if (options.regions.length === 0)
    throw new GarrisonError('usage', 'generateTrailFiles needs at least one region');
  const bad = options.regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
  if (bad !== undefined) throw new GarrisonError('usage', `not an AWS region: ${bad}`);
  if (new Set(options.regions).size !== options.regions.length)
    throw new GarrisonError('usage', 'a region is listed twice');
  const [min, max] = options.recordsPerFile ?? [100, 2000];
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min)) {
    throw new GarrisonError('usage', `bad recordsPerFile: [${min}, ${max}]`);
  }
  const fileMs = (options.fileMinutes ?? 5) * MINUTE;
  if (!(fileMs >= MINUTE && fileMs <= 24 * 60 * MINUTE))
    throw new GarrisonError('usage', `bad fileMinutes: ${options.fileMinutes}`);
  const level = options.gzipLevel ?? 3;
  if (!(Number.isInteger(level) && level >= 1 && level <= 9))
    throw new GarrisonError('usage', `bad gzipLevel: ${level}`);
  return options.regions.map((region) => ({
    outDir: options.outDir,
    seed: String(options.seed),
    accountId: options.accountId,
    regions: options.regions,
    region,
    start,
    end,
    targetBytes:
      options.targetBytes === undefined ? undefined : Math.ceil(options.targetBytes / options.regions.length),
    minRecords: min,
    maxRecords: max,
    fileMs,
    level,
    digests: options.digests ?? true,
    attack: options.attack,
  }));
}

function inWorker(
  jobs: RegionJob[],
  onFile: (records: number, bytes: number) => void,
  running: Set<Worker>,
): Promise<RegionResult[]> {
  return new Promise((resolve, reject) => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./region-worker.js', import.meta.url), {
      workerData: { jobs, port: port2 },
      transferList: [port2],
      // A region's writer holds little: a small heap makes the collector keep the footprint small.
      resourceLimits: {
        maxOldGenerationSizeMb: Math.max(96, Math.ceil((jobs[0]?.maxRecords ?? 0) * 0.008)),
        maxYoungGenerationSizeMb: 8,
      },
    });
    running.add(worker);
    let settled = false;
    const settle = (error: Error | undefined, results?: RegionResult[]) => {
      if (settled) return;
      settled = true;
      running.delete(worker);
      port1.close();
      if (error) reject(error);
      else resolve(results ?? []);
    };
    const handle = (message: WorkerMessage) => {
      if (message.type === 'file') onFile(message.records, message.bytes);
      else if (message.type === 'done') settle(undefined, message.results);
      else
        settle(
          new GarrisonError(
            'internal',
            `generating ${jobs.map((j) => j.region).join(', ')}: ${message.message}`,
          ),
        );
    };
    port1.on('message', handle);
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) => {
      // What the worker posted just before it ended may still be queued: read it first.
      for (let next = receiveMessageOnPort(port1); next && !settled; next = receiveMessageOnPort(port1)) {
        handle(next.message as WorkerMessage);
      }
      settle(new GarrisonError('internal', `the generator worker stopped (exit ${code})`));
    });
  });
}

/**
 * The attack story exactly as generateTrailFiles weaves it for these options (its records and
 * ground truth), without writing anything; undefined without `attack`. Throws, like the writer,
 * when the story does not fit the regions or the period.
 */
export function storyOf(options: TrailFilesOptions): AttackStory | undefined {
  if (!options.attack) return undefined;
  const first = jobsFor(options)[0] as RegionJob;
  const org = buildOrganisation(new Prng(first.seed).fork('organisation'), first.accountId, first.regions);
  const period = { start: first.start, end: first.end, seed: first.seed };
  return new StoryWeaver(options.attack, org, new Prng(`${first.seed}:victim`), period).story;
}

/** Generates a realistic trail (background activity, and the attack story if asked) as delivered files. */
export async function generateTrailFiles(options: TrailFilesOptions): Promise<TrailFilesResult> {
  const jobs = jobsFor(options);
  const first = jobs[0] as RegionJob;
  // Checked here, before any file is written: the story must fit the regions and the period.
  const groundTruth = storyOf(options)?.groundTruth;
  const totals = { files: 0, records: 0, bytes: 0 };
  const onFile = (records: number, bytes: number) => {
    totals.files += 1;
    totals.records += records;
    totals.bytes += bytes;
    options.onFile?.({ ...totals });
  };
  const workers = Math.max(1, Math.min(jobs.length, options.workers ?? availableParallelism()));
  let results: RegionResult[];
  if (workers === 1) {
    results = [];
    for (const job of jobs) results.push(await writeRegionTrail(job, onFile));
  } else {
    const shares = Array.from({ length: workers }, (_, w) => jobs.filter((_, i) => i % workers === w));
    const running = new Set<Worker>();
    try {
      results = (await Promise.all(shares.map((share) => inWorker(share, onFile, running)))).flat();
    } catch (error) {
      // One region failed: stop the others rather than let them write on.
      await Promise.all([...running].map((worker) => worker.terminate()));
      throw error;
    }
  }
  const byRegion = new Map(results.map((r) => [r.region, r]));
  const ordered = options.regions.map((region) => byRegion.get(region) as RegionResult);
  const result: TrailFilesResult = {
    files: ordered.flatMap((r) => r.files),
    digestFiles: ordered.flatMap((r) => r.digestFiles),
    records: ordered.reduce((n, r) => n + r.records, 0),
    bytes: ordered.reduce((n, r) => n + r.bytes, 0),
    compressedBytes: ordered.reduce((n, r) => n + r.compressedBytes, 0),
    start: trailTime(first.start),
    end: trailTime(Math.max(...ordered.map((r) => r.endMs))),
  };
  if (groundTruth) result.groundTruth = groundTruth;
  return result;
}
