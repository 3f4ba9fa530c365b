import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describeError, GarrisonError } from '../../errors.js';
import { isDigestName } from './decode.js';
import { InOrder } from './in-order.js';
import type { ToMain, ToWorker } from './messages.js';
import { ScanTally, Wake } from './tally.js';
import type { Blob, MatcherSpec, ScanEvent, ScanOptions, ScanRun } from './types.js';

/**
 * The scanner: decodes and filters blobs in worker threads. Each worker builds the matcher once;
 * the main thread reads the blobs (files, S3 objects, stdin) and hands them over, at most
 * PER_WORKER at a time per worker, and stops handing out while the consumer lags: memory stays
 * flat whatever the input size. Events arrive blob by blob, in the order the blobs were given
 * (see InOrder), so a scan gives the same output on every run.
 */

const WORKER_URL = new URL('./worker.js', import.meta.url);
const PER_WORKER = 2;
const HIGH_WATER = 5_000;
/** Blobs larger than this (or of unknown size) are streamed in chunks when the blob can stream. */
const LOAD_LIMIT = 32 * 1024 * 1024;
const CHUNK_CREDITS = 4;

interface InFlight {
  worker: number;
  location: string;
  bytesIn: number;
  credits: number;
  streamed?: boolean;
}

/** Whole bytes are moved to the worker without a copy when they own their ArrayBuffer. */
function transferList(bytes: Uint8Array): ArrayBuffer[] {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

export function scanBlobs<Out = unknown>(
  blobs: AsyncIterable<Blob> | Iterable<Blob>,
  spec: MatcherSpec,
  options: ScanOptions = {},
): ScanRun<Out> {
  const tally = new ScanTally(options);
  let started = false;
  return {
    summary: tally.summary,
    [Symbol.asyncIterator]: () => {
      if (started) throw new GarrisonError('internal', 'a scan can be iterated only once');
      started = true;
      return run(blobs, spec, options, tally) as AsyncIterator<ScanEvent<Out>>;
    },
  };
}

async function* run(
  blobs: AsyncIterable<Blob> | Iterable<Blob>,
  spec: MatcherSpec,
  options: ScanOptions,
  tally: ScanTally,
): AsyncGenerator<ScanEvent> {
  const { signal } = options;
  signal?.throwIfAborted();
  const summary = tally.summary;
  const count = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const out: ScanEvent[] = [];
  const feederWake = new Wake();
  const consumerWake = new Wake();
  const assigned = new Array<number>(count).fill(0);
  const inflight = new Map<number, InFlight>();
  let failure: unknown;
  let stopped = false;
  let feeding = true;
  let pendingLoads = 0;
  let nextId = 0;

  const fail = (error: unknown) => {
    failure ??= error;
    stopped = true;
    feederWake.notify();
    consumerWake.notify();
  };
  const progress = () => tally.progress();
  const order = new InOrder<ScanEvent>((event) => {
    if (stopped) return;
    const stop = tally.count(event);
    if (stop) return fail(stop);
    out.push(event);
    consumerWake.notify();
  });
  /** The one event of a blob no worker reads (a digest, an unreadable blob). */
  const only = (id: number, event: ScanEvent) => {
    summary.files++;
    order.event(id, event);
    order.end(id);
    progress();
  };
  const rejectWhole = (id: number, location: string, reason: string) =>
    only(id, { kind: 'rejected', rejection: { location, reason } });

  const onAbort = () => fail(signal?.reason ?? new Error('scan aborted'));
  signal?.addEventListener('abort', onAbort, { once: true });

  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(WORKER_URL);
    worker.on('message', (message: ToMain) => handle(i, message));
    worker.on('error', (error) =>
      fail(new GarrisonError('internal', `scan worker failed: ${describeError(error)}`)),
    );
    worker.on('exit', (code) => {
      if (!stopped) fail(new GarrisonError('internal', `scan worker exited (code ${code})`));
    });
    worker.postMessage({ type: 'init', spec } satisfies ToWorker);
    workers.push(worker);
  }

  function handle(worker: number, message: ToMain): void {
    if (message.type === 'events') for (const event of message.events) order.event(message.id, event);
    else if (message.type === 'credit') {
      const blob = inflight.get(message.id);
      if (blob) blob.credits++;
      progress();
      feederWake.notify();
    } else if (message.type === 'done') {
      for (const event of message.events) order.event(message.id, event);
      const blob = inflight.get(message.id)!;
      inflight.delete(message.id);
      assigned[worker]!--;
      if (blob.streamed) tally.streamingBytes -= blob.bytesIn;
      order.event(
        message.id,
        tally.blobDone(
          blob.location,
          message.stats.bytesIn ?? blob.bytesIn,
          message.stats,
          message.aggregate,
        ),
      );
      order.end(message.id);
      progress();
      feederWake.notify();
      consumerWake.notify();
    } else if (message.type === 'fatal')
      fail(new GarrisonError('internal', `scan failed: ${message.message}`));
  }

  const post = (worker: number, message: ToWorker, transfer: ArrayBuffer[] = []) =>
    workers[worker]!.postMessage(message, transfer);

  const freeWorker = (): number => {
    let best = -1;
    for (let i = 0; i < count; i++)
      if (assigned[i]! < PER_WORKER && (best < 0 || assigned[i]! < assigned[best]!)) best = i;
    return best;
  };

  async function load(worker: number, id: number, blob: Blob): Promise<void> {
    try {
      const bytes = await blob.load();
      if (stopped) return;
      inflight.set(id, { worker, location: blob.location, bytesIn: bytes.byteLength, credits: 0 });
      post(worker, { type: 'blob', id, location: blob.location, bytes }, transferList(bytes));
    } catch (error) {
      assigned[worker]!--;
      rejectWhole(id, blob.location, `unreadable: ${describeError(error)}`);
      feederWake.notify();
    } finally {
      pendingLoads--;
      consumerWake.notify();
    }
  }

  async function stream(worker: number, id: number, blob: Blob): Promise<void> {
    const state: InFlight = {
      worker,
      location: blob.location,
      bytesIn: 0,
      credits: CHUNK_CREDITS,
      streamed: true,
    };
    inflight.set(id, state);
    post(worker, { type: 'blob', id, location: blob.location });
    try {
      for await (const chunk of blob.open!()) {
        while (state.credits <= 0 && !stopped) await feederWake.wait();
        if (stopped) return;
        state.credits--;
        state.bytesIn += chunk.byteLength;
        tally.streamingBytes += chunk.byteLength;
        post(worker, { type: 'chunk', id, bytes: chunk }, transferList(chunk));
      }
      post(worker, { type: 'end', id });
    } catch (error) {
      post(worker, { type: 'end', id, error: describeError(error) });
    }
  }

  async function feed(): Promise<void> {
    try {
      for await (const blob of blobs) {
        if (stopped) return;
        if (isDigestName(blob.location)) {
          summary.skippedFiles++;
          only(nextId++, { kind: 'blob-skipped', location: blob.location, reason: 'CloudTrail digest file' });
          continue;
        }
        if (blob.unreadable !== undefined) {
          rejectWhole(nextId++, blob.location, blob.unreadable);
          continue;
        }
        while (!stopped && (freeWorker() < 0 || out.length + order.heldEvents > HIGH_WATER))
          await feederWake.wait();
        if (stopped) return;
        const worker = freeWorker();
        const id = nextId++;
        assigned[worker]!++;
        if (blob.open && (blob.size === undefined || blob.size > LOAD_LIMIT)) void stream(worker, id, blob);
        else if (blob.path !== undefined) {
          inflight.set(id, { worker, location: blob.location, bytesIn: 0, credits: 0 });
          post(worker, { type: 'blob', id, location: blob.location, path: blob.path });
        } else {
          pendingLoads++;
          void load(worker, id, blob);
        }
      }
    } catch (error) {
      fail(
        error instanceof GarrisonError
          ? error
          : new GarrisonError('input', `cannot list the input: ${describeError(error)}`),
      );
    } finally {
      feeding = false;
      consumerWake.notify();
    }
  }

  void feed();
  try {
    for (;;) {
      if (failure) throw failure;
      const event = out.shift();
      if (event) {
        yield event;
        if (out.length < HIGH_WATER / 2) feederWake.notify();
        continue;
      }
      if (!feeding && pendingLoads === 0 && inflight.size === 0) return;
      await consumerWake.wait();
    }
  } finally {
    stopped = true;
    feederWake.notify();
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
