import { createRequire } from 'node:module';
import type { z } from 'zod';
import { buildRecordSchema, type RecordSchema } from './record-schema.js';
import { copyRecord, isRecordAsParsed } from './record-shape.js';

/**
 * A CloudTrail record as garrison reads it. Unknown fields are kept (the raw record is the
 * object itself); the fields garrison relies on are checked for type when present.
 * eventTime, eventSource and eventName are required: a record without them is rejected.
 */
export type CloudTrailRecord = z.infer<RecordSchema>;

let schema: RecordSchema | undefined;

/** The zod schema of a record, built on first use (zod loaded then, synchronously, from its CommonJS build). */
export function recordSchema(): RecordSchema {
  schema ??= buildRecordSchema((createRequire(import.meta.url)('zod') as typeof import('zod')).z);
  return schema;
}

/** Where a record came from: the file, S3 object, API page or stream, and its position there. */
export interface RecordOrigin {
  /** A path, `s3://bucket/key`, `cloudtrail:<region>`, `logs:<group>/<stream>` or `-` for stdin. */
  source: string;
  /** The record's index within its source (0-based). */
  index: number;
}

export interface TrailRecord {
  record: CloudTrailRecord;
  origin: RecordOrigin;
}

/** Input garrison could not read: counted, located and explained, never dropped silently. */
export interface Rejection {
  /** `path`, `path#index` or `s3://bucket/key#index`. */
  location: string;
  reason: string;
}

export type RecordCheck = { ok: true; record: CloudTrailRecord } | { ok: false; reason: string };

/**
 * Checks a parsed JSON value is a CloudTrail record; the reason names the first bad field. A
 * hand-written check (record-shape.ts) vouches for most records; the schema decides the rest.
 * `asParsed`: the caller only reads the record, so a valid one is returned as parsed (its fields
 * in the order written, not the schema's) instead of copied.
 */
export function checkRecord(value: unknown, options: { asParsed?: boolean } = {}): RecordCheck {
  const input = withEventTime(value);
  // A reader that only reads the record may take the parsed object as it is (no copy).
  if (options.asParsed && isRecordAsParsed(input)) return { ok: true, record: input as CloudTrailRecord };
  const copied = copyRecord(input);
  if (copied) return { ok: true, record: copied as CloudTrailRecord };
  const result = recordSchema().safeParse(input);
  if (result.success) return { ok: true, record: result.data as CloudTrailRecord };
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'record';
  return { ok: false, reason: `${path}: ${issue?.message ?? 'invalid'}` };
}

/**
 * SIEM exports (Logstash, Elastic) often move CloudTrail's eventTime into `@timestamp`. When a
 * record has no eventTime but a `@timestamp` string, that is its event time; the raw field is kept.
 */
function withEventTime(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (record.eventTime !== undefined || typeof record['@timestamp'] !== 'string') return value;
  return { ...record, eventTime: record['@timestamp'] };
}

/** The identity that made the call, as an analyst names it: the ARN, else the user name or principal id. */
export function principalOf(record: CloudTrailRecord): string {
  const who = record.userIdentity;
  if (!who) return 'unknown';
  return who.arn ?? who.userName ?? who.principalId ?? who.invokedBy ?? who.type ?? 'unknown';
}

/** Reads a dotted path (`userIdentity.sessionContext.sessionIssuer.arn`) from a record; lists are searched element-wise. */
export function fieldValue(record: unknown, path: string): unknown {
  let values: unknown[] = [record];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const value of values) {
      if (Array.isArray(value)) {
        for (const item of value) {
          if (item && typeof item === 'object' && part in item)
            next.push((item as Record<string, unknown>)[part]);
        }
      } else if (value && typeof value === 'object' && part in value) {
        next.push((value as Record<string, unknown>)[part]);
      }
    }
    values = next;
    if (values.length === 0) return undefined;
  }
  return values.length === 1 ? values[0] : values;
}
