import type { LookupAttribute } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';
import { fileBlobs } from '../files.js';
import { scanBlobs } from '../scan/pool.js';
import type { Blob, MatcherSpec, ScanEvent, ScanSummary } from '../scan/types.js';
import { locationInScope, type TrailScope } from './delivery-layout.js';
import { keepErrors } from './record-stream.js';
import { isBlobSource, parseSourceSpec, type SourceSpec } from './source-spec.js';

export interface ReadTrailOptions {
  /** What to look for: the matcher module the scanner's workers load (the events filter, detections). */
  matcher: MatcherSpec;
  /** Prunes S3 keys and delivered-layout paths before reading; narrows LookupEvents and Logs calls. */
  scope?: TrailScope;
  /** AWS access for s3://, cloudtrail: and logs: sources (default: the standard chain). */
  clients?: AwsClients;
  workers?: number;
  /** The first rejection stops the read with a GarrisonError('input'). */
  strict?: boolean;
  signal?: AbortSignal;
  /** Rejections kept in the summary (all are counted); default 1000. */
  maxErrors?: number;
  /** S3 downloads in flight (default 8). */
  downloads?: number;
  /** The clock for LookupEvents' 90-day window (default: now). */
  now?: Date;
  onProgress?: (progress: TrailProgress) => void;
  /** One LookupAttribute to narrow cloudtrail: sources on the server (see lookupAttributeFor). */
  lookupAttribute?: LookupAttribute;
  /** What `-` reads (default: process.stdin). */
  stdin?: AsyncIterable<Uint8Array>;
}

export interface TrailProgress {
  files: number;
  filesKnown: number;
  bytesIn: number;
  bytesKnown: number;
  records: number;
  matched: number;
  rejected: number;
}

export interface TrailSummary extends ScanSummary {
  /** What the user should know about how the sources were read (a clamped LookupEvents window). */
  notices: string[];
}

/** A running read: iterate it for the events; `summary` is complete once the iteration has ended. */
export interface TrailRun<Out = unknown> extends AsyncIterable<ScanEvent<Out>> {
  readonly summary: TrailSummary;
}

/**
 * Reads CloudTrail from any mix of sources (paths, `-`, `s3://`, `cloudtrail:<region>`,
 * `logs:<group>`) into one stream of scan events. Files, S3 objects and stdin go through the
 * worker-thread scanner; LookupEvents and CloudWatch Logs records go through the same matcher in
 * this thread. Source specs are checked before anything is read (usage errors throw at once).
 */
export function readTrail<Out = unknown>(
  sources: readonly string[],
  options: ReadTrailOptions,
): TrailRun<Out> {
  if (sources.length === 0) {
    throw new GarrisonError('usage', 'no source to read', {
      hint: 'give a file, folder, -, s3://, cloudtrail: or logs: source',
    });
  }
  const specs = sources.map(parseSourceSpec);
  if (specs.filter((s) => s.kind === 'stdin').length > 1) {
    throw new GarrisonError('usage', 'stdin (-) can be read only once');
  }
  const summary: TrailSummary = {
    files: 0,
    skippedFiles: 0,
    records: 0,
    matched: 0,
    rejected: 0,
    bytesIn: 0,
    bytesOut: 0,
    errors: [],
    notices: [],
  };
  return {
    summary,
    [Symbol.asyncIterator]: () => run(specs, options, summary) as AsyncIterator<ScanEvent<Out>>,
  };
}

async function* run(
  specs: SourceSpec[],
  options: ReadTrailOptions,
  summary: TrailSummary,
): AsyncGenerator<ScanEvent> {
  // AWS clients (and the SDK behind them) are loaded only for sources that need them: a hunt
  // over local files starts without them.
  let made: AwsClients | undefined = options.clients;
  const clients = async () => {
    made ??= new (await import('../../aws/clients.js')).AwsClients();
    return made;
  };
  const known = { files: 0, bytes: 0 };
  const blobSpecs = specs.filter(isBlobSource);
  if (blobSpecs.length > 0) {
    const blobs = counted(blobsOf(blobSpecs, clients, options), known);
    const scan = scanBlobs(blobs, options.matcher, {
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.strict === undefined ? {} : { strict: options.strict }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.maxErrors === undefined ? {} : { maxErrors: options.maxErrors }),
      onProgress: (p) =>
        options.onProgress?.({
          ...p,
          filesKnown: Math.max(known.files, p.files),
          bytesKnown: Math.max(known.bytes, p.bytesIn),
        }),
    });
    try {
      yield* scan;
    } finally {
      merge(summary, scan.summary, options.maxErrors);
    }
  }
  for (const spec of specs.filter((s) => !isBlobSource(s))) {
    options.signal?.throwIfAborted();
    const { apiSourceEvents } = await import('./api-source.js');
    yield* apiSourceEvents(spec, await clients(), options, summary, known);
  }
}

/** Every blob of the file, stdin and S3 sources, in order, pruned by the delivered layout. */
async function* blobsOf(
  specs: SourceSpec[],
  clients: () => Promise<AwsClients>,
  options: ReadTrailOptions,
): AsyncGenerator<Blob> {
  const scope = options.scope ?? {};
  for (const spec of specs) {
    if (spec.kind === 's3') {
      const [{ S3Client }, { s3TrailBlobs }] = await Promise.all([
        import('@aws-sdk/client-s3'),
        import('./s3.js'),
      ]);
      const s3 = (await clients()).client(S3Client);
      yield* s3TrailBlobs(
        s3,
        spec.location,
        scope,
        options.downloads ? { concurrency: options.downloads } : {},
      );
    } else if (spec.kind === 'path' || spec.kind === 'stdin') {
      const local = fileBlobs([spec.kind === 'stdin' ? '-' : spec.path], {
        ...(scope.since ? { since: scope.since.getTime() } : {}),
        ...(scope.until ? { until: scope.until.getTime() } : {}),
        ...(options.stdin ? { stdin: options.stdin } : {}),
      });
      for await (const blob of local) if (locationInScope(blob.location, scope)) yield blob;
    }
  }
}

async function* counted(
  blobs: AsyncIterable<Blob>,
  known: { files: number; bytes: number },
): AsyncGenerator<Blob> {
  for await (const blob of blobs) {
    known.files++;
    known.bytes += blob.size ?? 0;
    yield blob;
  }
}

function merge(into: TrailSummary, from: ScanSummary, maxErrors = 1000): void {
  into.files += from.files;
  into.skippedFiles += from.skippedFiles;
  into.records += from.records;
  into.matched += from.matched;
  into.rejected += from.rejected;
  into.bytesIn += from.bytesIn;
  into.bytesOut += from.bytesOut;
  keepErrors(into.errors, from.errors, maxErrors);
}
