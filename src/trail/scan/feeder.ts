import { describeError, GarrisonError } from '../../errors.js';
import { isDigestName } from './decode.js';
import type { ToWorker } from './messages.js';
import type { ScanTally, Wake } from './tally.js';
import type { Blob, ScanEvent } from './types.js';

/** Blobs handed to one worker at a time. */
const PER_WORKER = 2;
/** Events waiting for the consumer past which no more blobs are handed out. */
export const HIGH_WATER = 5_000;
/** Blobs larger than this (or of unknown size) are streamed in chunks when the blob can stream. */
const LOAD_LIMIT = 32 * 1024 * 1024;
/** Chunks of a streamed blob sent ahead of what the worker has read. */
const CHUNK_CREDITS = 4;

/** A blob handed to a worker and not done yet. */
export interface InFlight {
  worker: number;
  location: string;
  bytesIn: number;
  credits: number;
  streamed?: boolean;
}

/** What the feeder needs of the scan that runs the workers (pool.ts). */
export interface FeedTarget {
  readonly workers: number;
  readonly tally: ScanTally;
  readonly inflight: Map<number, InFlight>;
  /** Woken when a worker frees a slot, a chunk credit comes back, the consumer catches up or the scan stops. */
  readonly feederWake: Wake;
  /** Woken when the consumer may have something new to do. */
  readonly consumerWake: Wake;
  stopped(): boolean;
  /** Events read but not yet taken by the consumer. */
  backlog(): number;
  post(worker: number, message: ToWorker, transfer?: ArrayBuffer[]): void;
  /** The one event of a blob no worker reads (a digest, an unreadable blob). */
  only(id: number, event: ScanEvent): void;
  fail(error: unknown): void;
}

/** Whole bytes are moved to the worker without a copy when they own their ArrayBuffer. */
function transferList(bytes: Uint8Array): ArrayBuffer[] {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

/**
 * The main thread's side of handing blobs to the workers: at most PER_WORKER per worker, none
 * while the consumer lags (HIGH_WATER), files by path (the worker reads them), other blobs loaded
 * here, and large or unsized ones streamed chunk by chunk against the worker's credits.
 */
export class BlobFeeder {
  /** Blobs each worker holds. */
  readonly assigned: number[];
  /** Blobs being loaded here before they go to their worker. */
  pendingLoads = 0;
  /** False once every blob has been handed out (or the input failed). */
  feeding = true;
  #nextId = 0;

  constructor(private readonly to: FeedTarget) {
    this.assigned = new Array<number>(to.workers).fill(0);
  }

  /** A worker is done with one of its blobs. */
  done(worker: number): void {
    this.assigned[worker]!--;
  }

  async feed(blobs: AsyncIterable<Blob> | Iterable<Blob>): Promise<void> {
    const to = this.to;
    try {
      for await (const blob of blobs) {
        if (to.stopped()) return;
        if (isDigestName(blob.location)) {
          to.tally.summary.skippedFiles++;
          to.only(this.#nextId++, {
            kind: 'blob-skipped',
            location: blob.location,
            reason: 'CloudTrail digest file',
          });
          continue;
        }
        if (blob.unreadable !== undefined) {
          this.#rejectWhole(this.#nextId++, blob.location, blob.unreadable);
          continue;
        }
        while (!to.stopped() && (this.#freeWorker() < 0 || to.backlog() > HIGH_WATER))
          await to.feederWake.wait();
        if (to.stopped()) return;
        const worker = this.#freeWorker();
        const id = this.#nextId++;
        this.assigned[worker]!++;
        if (blob.open && (blob.size === undefined || blob.size > LOAD_LIMIT))
          void this.#stream(worker, id, blob);
        else if (blob.path !== undefined) {
          to.inflight.set(id, { worker, location: blob.location, bytesIn: 0, credits: 0 });
          to.post(worker, { type: 'blob', id, location: blob.location, path: blob.path });
        } else {
          this.pendingLoads++;
          void this.#load(worker, id, blob);
        }
      }
    } catch (error) {
      to.fail(
        error instanceof GarrisonError
          ? error
          : new GarrisonError('input', `cannot list the input: ${describeError(error)}`),
      );
    } finally {
      this.feeding = false;
      to.consumerWake.notify();
    }
  }

  #rejectWhole(id: number, location: string, reason: string): void {
    this.to.only(id, { kind: 'rejected', rejection: { location, reason } });
  }

  #freeWorker(): number {
    let best = -1;
    for (let i = 0; i < this.to.workers; i++)
      if (this.assigned[i]! < PER_WORKER && (best < 0 || this.assigned[i]! < this.assigned[best]!)) best = i;
    return best;
  }

  async #load(worker: number, id: number, blob: Blob): Promise<void> {
    const to = this.to;
    try {
      const bytes = await blob.load();
      if (to.stopped()) return;
      to.inflight.set(id, { worker, location: blob.location, bytesIn: bytes.byteLength, credits: 0 });
      to.post(worker, { type: 'blob', id, location: blob.location, bytes }, transferList(bytes));
    } catch (error) {
      this.assigned[worker]!--;
      this.#rejectWhole(id, blob.location, `unreadable: ${describeError(error)}`);
      to.feederWake.notify();
    } finally {
      this.pendingLoads--;
      to.consumerWake.notify();
    }
  }

  async #stream(worker: number, id: number, blob: Blob): Promise<void> {
    const to = this.to;
    const state: InFlight = {
      worker,
      location: blob.location,
      bytesIn: 0,
      credits: CHUNK_CREDITS,
      streamed: true,
    };
    to.inflight.set(id, state);
    to.post(worker, { type: 'blob', id, location: blob.location });
    try {
      for await (const chunk of blob.open!()) {
        while (state.credits <= 0 && !to.stopped()) await to.feederWake.wait();
        if (to.stopped()) return;
        state.credits--;
        state.bytesIn += chunk.byteLength;
        to.tally.streamingBytes += chunk.byteLength;
        to.post(worker, { type: 'chunk', id, bytes: chunk }, transferList(chunk));
      }
      to.post(worker, { type: 'end', id });
    } catch (error) {
      to.post(worker, { type: 'end', id, error: describeError(error) });
    }
  }
}
