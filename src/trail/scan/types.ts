import type { CloudTrailRecord, RecordOrigin, Rejection } from '../record.js';

/**
 * The contract between where CloudTrail bytes come from (files, S3 objects, stdin) and the
 * scanner that decodes them in worker threads. Sources that yield records one by one
 * (LookupEvents, CloudWatch Logs) skip the blob stage and use the same matcher in-process.
 */

/** One unit of raw input: a file or an S3 object, gzipped or not. */
export interface Blob {
  /** A path, `s3://bucket/key` or `-`: becomes RecordOrigin.source. */
  location: string;
  /** Compressed size in bytes when known (progress, scheduling). */
  size?: number;
  /** Reads the raw bytes. Throwing here rejects the blob (counted, with the reason), never the whole run. */
  load(): Promise<Uint8Array>;
  /**
   * Optional: reads the raw bytes as a stream of chunks. The scanner prefers it for blobs that are
   * large or of unknown size (stdin), so memory stays bounded whatever the input size.
   */
  open?(): AsyncIterable<Uint8Array>;
  /**
   * Optional: the blob is this local regular file, which a scan worker may read by itself (saves
   * the main thread a read and a hand-over per file). Errors are the same as load()'s.
   */
  path?: string;
  /** Optional: why this blob cannot be read at all (found while listing): it is rejected without loading. */
  unreadable?: string;
}

/**
 * A cheap look at one record's raw JSON text, before it is parsed. Answers may over-approximate
 * (say a value is there when it is only nested elsewhere) but must never miss a real value.
 */
export interface RecordPeek {
  /** Every string value written as `"key":"value"` anywhere in the record, JSON-unescaped. */
  strings(key: string): string[];
  /**
   * The string values at a dotted path (`eventName`, `userIdentity.type`), JSON-unescaped. May
   * over-approximate like `strings` (a peek that cannot locate the path answers with every value
   * of its last key), never misses one.
   */
  field(path: string): string[];
  /** True when the record's raw JSON text contains this exact text. */
  contains(text: string): boolean;
}

/**
 * What a scan looks for. Created inside each worker from a MatcherSpec, so it may hold compiled
 * rules and state; it must be pure (no AWS, no printing, no clock).
 */
export interface RecordMatcher<Out = unknown> {
  /**
   * Exact texts of which a record must contain at least one to possibly match; lets the scanner
   * skip whole stretches of a decompressed file with a byte search. Undefined: no such bound.
   */
  readonly needles?: readonly string[] | undefined;
  /**
   * True when match() only reads records (never writes them out): a valid record is then handed
   * over as JSON.parse made it, its fields in the order written, instead of copied in the schema's.
   */
  readonly asParsed?: boolean | undefined;
  /**
   * Forget what was gathered since the blob began (the scanner re-reads the blob another way:
   * its fast path gave up half-way). Matchers that keep state per blob must implement it.
   */
  discardBlob?(): void;
  /** False when the record cannot match: it is then not parsed. Absent: every record is parsed. */
  mightMatch?(peek: RecordPeek): boolean;
  /** The full check on a parsed, validated record: what to send back to the caller, or undefined. */
  /**
   * `peeked`: mightMatch was called on this very record's bytes just before, and said yes (a
   * matcher may keep what its peek learnt, to test only what can still match).
   */
  match(record: CloudTrailRecord, origin: RecordOrigin, peeked?: boolean): Out | undefined;
  /** At the end of each blob: an aggregate to send back (e.g. per-principal first-seen tables). */
  endOfBlob?(location: string): unknown;
}

/** How a worker builds the matcher: a module exporting `createMatcher(options)`, and its options. */
export interface MatcherSpec {
  /** Absolute file URL of the module (use `new URL('./x.js', import.meta.url).href`). */
  module: string;
  /** Structured-clonable options passed to createMatcher. */
  options: unknown;
}

export type CreateMatcher<Out = unknown> = (
  options: unknown,
) => RecordMatcher<Out> | Promise<RecordMatcher<Out>>;

/** What a scan streams back, in blob order within each blob. */
export type ScanEvent<Out = unknown> =
  | { kind: 'match'; value: Out; origin: RecordOrigin }
  | { kind: 'rejected'; rejection: Rejection }
  | {
      kind: 'blob-done';
      location: string;
      bytesIn: number;
      bytesOut: number;
      records: number;
      aggregate?: unknown;
    }
  | { kind: 'blob-skipped'; location: string; reason: string };

export interface ScanSummary {
  /** Blobs (files, objects) read, digest files skipped and blobs rejected as a whole. */
  files: number;
  skippedFiles: number;
  /** Records decoded (whether parsed or passed over by the prefilter). */
  records: number;
  matched: number;
  rejected: number;
  bytesIn: number;
  bytesOut: number;
  errors: Rejection[];
}

/** Progress of a running scan, reported after every blob (and every streamed chunk). */
export interface ScanProgress {
  files: number;
  bytesIn: number;
  bytesOut: number;
  records: number;
  matched: number;
  rejected: number;
}

export interface ScanOptions {
  /** Worker threads; default os.availableParallelism(). */
  workers?: number;
  /** The first rejection stops the scan with a GarrisonError('input'). */
  strict?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Rejections kept in ScanSummary.errors (all are counted and streamed); default 1000. */
  maxErrors?: number;
}

/** A running scan: iterate it for the events; `summary` is complete once the iteration has ended. */
export interface ScanRun<Out = unknown> extends AsyncIterable<ScanEvent<Out>> {
  readonly summary: ScanSummary;
}
