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

/**
 * A RecordPeek over one record's raw JSON bytes, `buf[start, end)`, without parsing it. Keys are
 * found as `"key"` followed by optional whitespace and a colon, so pretty-printed JSON works too.
 * Over-approximates (a key nested anywhere in the record counts), never misses a plain key.
 */
export class BytePeek implements RecordPeek {
  private view: Buffer;

  constructor(buf: Buffer, start = 0, end = buf.length) {
    this.view = buf.subarray(start, end);
  }

  /** Points this peek at another record (peeks are reused: one per scan, not per record). */
  reset(buf: Buffer, start: number, end: number): this {
    this.view = buf.subarray(start, end);
    return this;
  }

  contains(text: string): boolean {
    return this.view.indexOf(textBytes(text)) >= 0;
  }

  strings(key: string): string[] {
    const view = this.view;
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
}

/** The value of the JSON string `buf[open..close]` (both quotes included), unescaped. */
function decodeString(buf: Buffer, open: number, close: number): string {
  if (buf.subarray(open + 1, close).indexOf(BACKSLASH) < 0) return buf.toString('utf8', open + 1, close);
  try {
    return JSON.parse(buf.toString('utf8', open, close + 1)) as string;
  } catch {
    // A malformed escape: keep the raw text, the record will be rejected when it is parsed.
    return buf.toString('utf8', open + 1, close);
  }
}

/** A RecordPeek over a record already parsed (for sources that yield objects, and for reference tests). */
export class ObjectPeek implements RecordPeek {
  private text: string | undefined;

  constructor(private readonly record: unknown) {}

  contains(text: string): boolean {
    this.text ??= JSON.stringify(this.record);
    return this.text.includes(text);
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
