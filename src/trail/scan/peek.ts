import { decodeString, StringPairs } from './peek-pairs.js';
import type { RecordPeek } from './types.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

const encoded = new Map<string, Buffer>();

/** The UTF-8 bytes of a search text, cached: the same few keys and needles are searched millions of times. */
export function textBytes(text: string): Buffer {
  let bytes = encoded.get(text);
  if (!bytes) {
    bytes = Buffer.from(text, 'utf8');
    if (encoded.size > 10_000) encoded.clear();
    encoded.set(text, bytes);
  }
  return bytes;
}

const keys = new Map<string, Buffer>();

/** A key's bytes as JSON writes them between its quotes, cached. */
function keyBytes(key: string): Buffer {
  let bytes = keys.get(key);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(key).slice(1, -1), 'utf8');
    if (keys.size > 10_000) keys.clear();
    keys.set(key, bytes);
  }
  return bytes;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Index of the quote closing the string whose content starts at `from`, or -1. */
export function stringEnd(buf: Uint8Array, from: number, end: number): number {
  let at = from;
  while (at < end) {
    const quote = buf.indexOf(QUOTE, at);
    if (quote < 0 || quote >= end) return -1;
    let slashes = 0;
    for (let back = quote - 1; back >= from && buf[back] === BACKSLASH; back--) slashes++;
    if (slashes % 2 === 0) return quote;
    at = quote + 1;
  }
  return -1;
}

/** From this many keys a record, one pass over all its keys costs less than a byte search per key. */
const EAGER_KEYS = 3;

/**
 * A RecordPeek over one record's raw JSON bytes, `buf[start, end)`, without parsing it. Keys are
 * found as `"key"` followed by optional whitespace and a colon, so pretty-printed JSON works too.
 * Over-approximates (a key nested anywhere in the record counts), never misses a plain key.
 * Answers are kept until reset. A matcher that asks for several keys a record (the hunt's rules)
 * gets them from one pass that reads every key; one that asks for a key or two (a filter) gets
 * a byte search per key, cheaper then. The peek judges by what the previous record needed.
 */
export class BytePeek implements RecordPeek {
  protected buf: Buffer;
  protected start: number;
  protected end: number;
  /** The record's bytes as a Buffer of their own, made when first needed. */
  private cut: Buffer | undefined;
  private readonly pairs = new StringPairs();
  /** 0: the pairs are not read yet; 1: read; -1: unreadable (searched key by key). */
  private paired = 0;
  private readonly seen = new Map<string, string[]>();
  private readonly found = new Map<string, boolean>();
  /** Keys asked for this record, and whether to read all keys at the first one. */
  private asked = 0;
  private eager = true;

  constructor(buf: Buffer, start = 0, end = buf.length) {
    this.buf = buf;
    this.start = start;
    this.end = end;
  }

  /** Points this peek at another record (peeks are reused: one per scan, not per record). */
  reset(buf: Buffer, start: number, end: number): this {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.cut = undefined;
    this.paired = 0;
    this.eager = this.asked >= EAGER_KEYS;
    this.asked = 0;
    if (this.seen.size) this.seen.clear();
    if (this.found.size) this.found.clear();
    return this;
  }

  private get view(): Buffer {
    this.cut ??= this.buf.subarray(this.start, this.end);
    return this.cut;
  }

  contains(text: string): boolean {
    let found = this.found.get(text);
    if (found === undefined) {
      found = this.view.indexOf(textBytes(text)) >= 0;
      this.found.set(text, found);
    }
    return found;
  }

  strings(key: string): string[] {
    let values = this.seen.get(key);
    if (values) return values;
    this.asked++;
    if (this.paired === 0 && (this.eager || this.asked >= EAGER_KEYS))
      this.paired = this.pairs.read(this.view) ? 1 : -1;
    values = this.paired > 0 ? this.pairs.values(this.view, keyBytes(key)) : searchStrings(this.view, key);
    this.seen.set(key, values);
    return values;
  }

  /** The values at a dotted path: here, every string value of its last key anywhere in the record. */
  field(path: string): string[] {
    return this.strings(lastKey(path));
  }
}

/** The last key of a dotted path (`userIdentity.type` -> `type`). */
export function lastKey(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? path : path.slice(dot + 1);
}

/** The string values of `key` found with one byte search per occurrence: for records the pair reader refuses. */
export function searchStrings(view: Buffer, key: string): string[] {
  const end = view.length;
  const pattern = textBytes(JSON.stringify(key));
  const found: string[] = [];
  let at = view.indexOf(pattern);
  while (at >= 0) {
    let next = at + pattern.length;
    while (isSpace(view[next])) next++;
    if (view[next] === COLON) {
      next++;
      while (isSpace(view[next])) next++;
      if (view[next] === QUOTE) {
        const close = stringEnd(view, next + 1, end);
        if (close < 0) break;
        found.push(decodeString(view, next, close));
        next = close + 1;
      }
    }
    at = view.indexOf(pattern, next);
  }
  return found;
}

/** A RecordPeek over a record already parsed (for sources that yield objects, and for reference tests). */
export class ObjectPeek implements RecordPeek {
  private text: string | undefined;

  constructor(private readonly record: unknown) {}

  contains(text: string): boolean {
    this.text ??= JSON.stringify(this.record);
    return this.text.includes(text);
  }

  field(path: string): string[] {
    return this.strings(lastKey(path));
  }

  strings(key: string): string[] {
    const found: string[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) for (const item of value) visit(item);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === key && typeof v === 'string') found.push(v);
          else visit(v);
        }
      }
    };
    visit(this.record);
    return found;
  }
}
