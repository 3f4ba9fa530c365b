import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describeError, GarrisonError } from '../../errors.js';
import { BlobFeeder, HIGH_WATER, type InFlight } from './feeder.js';
import { InOrder } from './in-order.js';
import type { ToMain, ToWorker } from './messages.js';
import { ScanTally, Wake } from './tally.js';
import type { Blob, MatcherSpec, ScanEvent, ScanOptions, ScanRun } from './types.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * The scanner: decodes and filters blobs in worker threads. Each worker builds the matcher once;
 * the main thread reads the blobs (files, S3 objects, stdin) and hands them over a few at a time
 * per worker, and stops handing out while the consumer lags (see BlobFeeder): memory stays flat
 * whatever the input size. Events arrive blob by blob, in the order the blobs were given (see
 * InOrder), so a scan gives the same output on every run.
 */
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
  const inflight = new Map<number, InFlight>();
  let failure: unknown;
  let stopped = false;

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
      feeder.done(worker);
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

  const feeder = new BlobFeeder({
    workers: count,
    tally,
    inflight,
    feederWake,
    consumerWake,
    stopped: () => stopped,
    backlog: () => out.length + order.heldEvents,
    post: (worker, message, transfer = []) => workers[worker]!.postMessage(message, transfer),
    only,
    fail,
  });
  void feeder.feed(blobs);
  try {
    for (;;) {
      if (failure) throw failure;
      const event = out.shift();
      if (event) {
        yield event;
        if (out.length < HIGH_WATER / 2) feederWake.notify();
        continue;
      }
      if (!feeder.feeding && feeder.pendingLoads === 0 && inflight.size === 0) return;
      await consumerWake.wait();
    }
  } finally {
    stopped = true;
    feederWake.notify();
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
