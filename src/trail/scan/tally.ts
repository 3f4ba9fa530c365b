import { GarrisonError } from '../../errors.js';
import type { BlobStats } from './decode.js';
import type { ScanEvent, ScanOptions, ScanSummary } from './types.js';

/** The running count of a scan: what ScanSummary and the progress callback report. */
export class ScanTally {
  readonly summary: ScanSummary = {
    files: 0,
    skippedFiles: 0,
    records: 0,
    matched: 0,
    rejected: 0,
    bytesIn: 0,
    bytesOut: 0,
    errors: [],
  };
  /** Bytes already handed to workers from blobs still being streamed (stdin, large files). */
  streamingBytes = 0;
  private readonly maxErrors: number;

  constructor(private readonly options: ScanOptions) {
    this.maxErrors = options.maxErrors ?? 1000;
  }

  progress(): void {
    const s = this.summary;
    this.options.onProgress?.({
      files: s.files,
      bytesIn: s.bytesIn + this.streamingBytes,
      bytesOut: s.bytesOut,
      records: s.records,
      matched: s.matched,
      rejected: s.rejected,
    });
  }

  /** Counts one event; in strict mode a rejection returns the error that stops the scan. */
  count(event: ScanEvent): GarrisonError | undefined {
    const s = this.summary;
    if (event.kind === 'match') s.matched++;
    if (event.kind !== 'rejected') return undefined;
    s.rejected++;
    if (s.errors.length < this.maxErrors) s.errors.push(event.rejection);
    if (!this.options.strict) return undefined;
    const { location, reason } = event.rejection;
    return new GarrisonError('input', `${location}: ${reason}`, {
      hint: 'without --strict, bad input is counted and skipped',
    });
  }

  /** Counts a finished blob and returns the event that tells it. */
  blobDone(location: string, bytesIn: number, stats: BlobStats, aggregate: unknown): ScanEvent {
    const s = this.summary;
    s.files++;
    s.records += stats.records;
    s.bytesIn += bytesIn;
    s.bytesOut += stats.bytesOut;
    if (stats.skipped) {
      s.skippedFiles++;
      return { kind: 'blob-skipped', location, reason: stats.skipped };
    }
    const done: ScanEvent = {
      kind: 'blob-done',
      location,
      bytesIn,
      bytesOut: stats.bytesOut,
      records: stats.records,
    };
    if (aggregate !== undefined) done.aggregate = aggregate;
    return done;
  }
}

/** Wakes whoever waits: the feeder (a worker slot or a chunk credit freed) or the consumer (events). */
export class Wake {
  private waiters: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
