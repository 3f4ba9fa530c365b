import { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { describeError } from '../../errors.js';
import { scanDelivered } from './fast.js';
import { LayoutReader } from './layout.js';
import { type Emit, RecordSifter } from './sift.js';
import type { RecordMatcher } from './types.js';

/**
 * Bytes -> records, for one blob: gzip detected by its magic bytes (not the name), a UTF-8 BOM
 * stripped, every layout read, every problem a rejection. Blobs whose decompressed size is above
 * the threshold are decompressed and split as a stream, so memory stays bounded.
 */

export const STREAM_THRESHOLD = 64 * 1024 * 1024;
const STREAM_SLICE = 1024 * 1024;

export interface BlobStats {
  /** Raw bytes read, when the worker read the blob itself (a local file). */
  bytesIn?: number;
  bytesOut: number;
  records: number;
  /** Why the blob was passed over as a whole (a digest file). */
  skipped?: string;
}

export interface DecodeOptions {
  /** Decompressed size above which the blob is streamed; default 64 MiB. */
  streamThreshold?: number;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function isDigestName(location: string): boolean {
  return location.includes('CloudTrail-Digest');
}

function stats(reader: LayoutReader): BlobStats {
  return reader.skipped
    ? { bytesOut: reader.bytesOut, records: reader.records, skipped: reader.skipped }
    : { bytesOut: reader.bytesOut, records: reader.records };
}

/** Decodes a whole blob already in memory. */
export async function decodeBlob(
  raw: Uint8Array,
  location: string,
  matcher: RecordMatcher,
  emit: Emit,
  options: DecodeOptions = {},
): Promise<BlobStats> {
  const threshold = options.streamThreshold ?? STREAM_THRESHOLD;
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const sifter = new RecordSifter(matcher, location, emit);
  if (bytes.length === 0) {
    sifter.reject(location, 'empty file');
    return { bytesOut: 0, records: 0 };
  }
  let text = bytes;
  let cutOff: string | undefined;
  if (isGzip(bytes)) {
    try {
      text = gunzipSync(bytes, { maxOutputLength: threshold, chunkSize: outputChunk(bytes, threshold) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        return decodeStream(slices(bytes), location, matcher, emit);
      cutOff = `corrupt or truncated gzip (${describeError(error)})`;
      text = partialGunzip(bytes, threshold);
    }
  } else if (bytes.length > threshold) {
    return decodeStream(slices(bytes), location, matcher, emit);
  }
  if (!cutOff) {
    let from = text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf ? 3 : 0;
    while (text[from] === 0x20 || text[from] === 0x0a || text[from] === 0x0d || text[from] === 0x09) from++;
    const fast = scanDelivered(text, from, sifter);
    if (fast !== 'fallback') {
      for (const event of fast.events) emit(event);
      return { bytesOut: text.length, records: fast.records };
    }
    // Its events were not emitted; what the matcher gathered from them must go too.
    matcher.discardBlob?.();
  }
  const reader = new LayoutReader(sifter);
  reader.push(text);
  reader.end(cutOff);
  return stats(reader);
}

const MIN_CHUNK = 64 * 1024;

/**
 * zlib's output chunk for a whole gzip blob: its trailer's ISIZE (the decompressed size, mod 2^32,
 * of the last member) plus one, so a single-member file inflates into one buffer, with no copying
 * of chunks into a concatenated result (about a fifth of gunzip's time). A wrong or partial ISIZE
 * (a damaged file, several members) only costs the usual chunking; the answer is the same.
 */
export function outputChunk(bytes: Uint8Array, threshold: number): number {
  if (bytes.length < 18) return MIN_CHUNK;
  const at = bytes.length - 4;
  const isize = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  // Deflate expands at most 1032:1: a forged ISIZE cannot make a small file claim a huge buffer.
  return Math.max(MIN_CHUNK, Math.min(isize, threshold, bytes.length * 1032) + 1);
}

/** What a damaged gzip stream yields before the damage. */
function partialGunzip(bytes: Buffer, threshold: number): Buffer {
  try {
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: threshold });
  } catch {
    return Buffer.alloc(0);
  }
}

async function* slices(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += STREAM_SLICE) yield bytes.subarray(at, at + STREAM_SLICE);
}

/** Decodes a blob arriving in chunks (stdin, a large file): bounded memory whatever its size. */
export async function decodeStream(
  chunks: AsyncIterable<Uint8Array>,
  location: string,
  matcher: RecordMatcher,
  emit: Emit,
): Promise<BlobStats> {
  const sifter = new RecordSifter(matcher, location, emit);
  const reader = new LayoutReader(sifter);
  const iterator = chunks[Symbol.asyncIterator]();
  // The gzip magic is two bytes: a pipe may hand over a single byte first.
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  if (head.length === 0) {
    reader.end();
    return stats(reader);
  }
  const rest = { [Symbol.asyncIterator]: () => iterator };
  async function* all(): AsyncGenerator<Uint8Array> {
    yield head;
    yield* rest;
  }
  if (!isGzip(head)) {
    for await (const chunk of all())
      reader.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    reader.end();
    return stats(reader);
  }
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const source = Readable.from(all());
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let cutOff: string | undefined;
  try {
    for await (const out of gunzip) reader.push(out as Buffer);
  } catch (error) {
    cutOff = `corrupt or truncated gzip (${describeError(error)})`;
    source.destroy();
  }
  reader.end(cutOff);
  return stats(reader);
}
