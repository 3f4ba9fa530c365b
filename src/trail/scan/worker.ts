import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { describeError } from '../../errors.js';
import { type BlobStats, decodeBlob, decodeStream } from './decode.js';
import type { ToMain, ToWorker } from './messages.js';
import type { CreateMatcher, RecordMatcher, ScanEvent } from './types.js';

/**
 * A scan worker: builds the matcher once from the spec, then decodes the blobs it is given, one
 * after the other, posting back matches and rejections in order, then the blob's stats.
 */

const port = parentPort!;
let matcher: RecordMatcher | undefined;
let queue: Promise<void> = Promise.resolve();
const streams = new Map<number, ChunkQueue>();
const BATCH = 256;

function post(message: ToMain, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** Chunks of a streamed blob, as they arrive from the main thread; each one consumed is acknowledged. */
class ChunkQueue implements AsyncIterable<Uint8Array> {
  private chunks: Uint8Array[] = [];
  private ended = false;
  private error: string | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly id: number) {}

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.wake?.();
  }

  end(error?: string): void {
    this.ended = true;
    this.error = error;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        post({ type: 'credit', id: this.id });
        yield chunk;
      } else if (this.ended) {
        if (this.error) throw new Error(this.error);
        return;
      } else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

async function scanOne(
  id: number,
  location: string,
  given: Uint8Array | undefined,
  path?: string,
): Promise<void> {
  let batch: ScanEvent[] = [];
  const flush = () => {
    if (batch.length > 0) post({ type: 'events', id, events: batch });
    batch = [];
  };
  const emit = (event: ScanEvent) => {
    batch.push(event);
    if (batch.length >= BATCH) flush();
  };
  const m = matcher!;
  let stats: BlobStats;
  try {
    const bytes = path !== undefined ? readFileSync(path) : given;
    if (bytes) stats = { ...(await decodeBlob(bytes, location, m, emit)), bytesIn: bytes.byteLength };
    else stats = await decodeStream(streams.get(id)!, location, m, emit);
  } catch (error) {
    if (error instanceof MatcherError) throw error;
    emit({ kind: 'rejected', rejection: { location, reason: `unreadable: ${describeError(error)}` } });
    stats = { bytesOut: 0, records: 0 };
  } finally {
    streams.delete(id);
  }
  // The last events ride with 'done': one message per blob, not two.
  post({ type: 'done', id, stats, aggregate: m.endOfBlob?.(location), events: batch });
}

class MatcherError extends Error {}

/** Wraps the matcher so that its own failures are told apart from bad input. */
function guarded(inner: RecordMatcher): RecordMatcher {
  return {
    needles: inner.needles,
    asParsed: inner.asParsed,
    mightMatch: inner.mightMatch
      ? (peek) => {
          try {
            return inner.mightMatch!(peek);
          } catch (error) {
            throw new MatcherError(`matcher failed (mightMatch): ${describeError(error)}`);
          }
        }
      : undefined,
    match: (record, origin, peeked) => {
      try {
        return inner.match(record, origin, peeked);
      } catch (error) {
        throw new MatcherError(`matcher failed at ${origin.source}#${origin.index}: ${describeError(error)}`);
      }
    },
    endOfBlob: inner.endOfBlob ? (location) => inner.endOfBlob!(location) : undefined,
    discardBlob: inner.discardBlob ? () => inner.discardBlob!() : undefined,
  };
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'init') {
    queue = queue.then(async () => {
      try {
        const module = (await import(message.spec.module)) as { createMatcher?: CreateMatcher };
        if (typeof module.createMatcher !== 'function')
          throw new Error(`${message.spec.module} exports no createMatcher`);
        matcher = guarded(await module.createMatcher(message.spec.options));
        post({ type: 'ready' });
      } catch (error) {
        post({ type: 'fatal', message: `cannot build the matcher: ${describeError(error)}` });
      }
    });
  } else if (message.type === 'blob') {
    if (!message.bytes && message.path === undefined) streams.set(message.id, new ChunkQueue(message.id));
    queue = queue.then(() =>
      scanOne(message.id, message.location, message.bytes, message.path).catch((error) => {
        post({ type: 'fatal', message: describeError(error) });
      }),
    );
  } else if (message.type === 'chunk') streams.get(message.id)?.push(message.bytes);
  else if (message.type === 'end') streams.get(message.id)?.end(message.error);
});
