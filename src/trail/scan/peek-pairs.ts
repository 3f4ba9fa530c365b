import { isAscii } from 'node:buffer';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * Per pair: a key tag (length, first and last byte), the key's start and end, the value's quotes
 * (-1: not a string) and whether the value holds an escape.
 */
const SLOT = 6;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A cheap tag telling most keys apart before their bytes are compared. */
export function keyTag(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return 0;
  return ((length & 0x7fff) << 16) | ((bytes[start] as number) << 8) | (bytes[end - 1] as number);
}

/**
 * Every key of one record's raw JSON with, when it is a string, its value: found in one pass over
 * the bytes, so that reading several keys costs one scan instead of one byte search per key. Keys
 * are compared as written (a key spelled with escapes is not its unescaped name), as BytePeek does.
 */
export class StringPairs {
  private slots = new Int32Array(SLOT * 128);
  private count = 0;
  /** The record as text when it is all ASCII (values are then cut from it); undefined: not made yet. */
  private text: string | undefined;
  /** 1: the record is ASCII, 0: it is not, -1: not known yet. */
  private ascii = -1;

  /** Reads the pairs of `view`; false when a string is left unterminated (the caller then searches key by key). */
  read(view: Uint8Array): boolean {
    const end = view.length;
    const all = wordsFor(view);
    const base = view.byteOffset;
    this.text = undefined;
    this.ascii = -1;
    let count = 0;
    let at = 0;
    while (at < end) {
      if (view[at] !== QUOTE) {
        at++;
        continue;
      }
      const close = closingQuote(view, at + 1, end, all, base);
      if (close < 0) return false;
      let next = close + 1;
      while (isSpace(view[next])) next++;
      if (view[next] !== COLON) {
        at = close + 1;
        continue;
      }
      next++;
      while (isSpace(view[next])) next++;
      let valueOpen = -1;
      let valueClose = -1;
      if (view[next] === QUOTE) {
        valueClose = closingQuote(view, next + 1, end, all, base);
        if (valueClose < 0) return false;
        valueOpen = next;
        next = valueClose + 1;
        while (isSpace(view[next])) next++;
        // A string value followed by a colon is not JSON: leave such a record to the key-by-key search.
        if (view[next] === COLON) return false;
      }
      if ((count + 1) * SLOT > this.slots.length) this.grow();
      const slot = count * SLOT;
      const slots = this.slots;
      slots[slot] = keyTag(view, at + 1, close);
      slots[slot + 1] = at + 1;
      slots[slot + 2] = close;
      slots[slot + 3] = valueOpen;
      slots[slot + 4] = valueClose;
      slots[slot + 5] = valueOpen < 0 ? 0 : escapedString;
      count++;
      at = next;
    }
    this.count = count;
    return true;
  }

  /** The string values of `key` (its UTF-8 bytes) in the record last read, JSON-unescaped. */
  values(view: Buffer, key: Uint8Array): string[] {
    const found: string[] = [];
    const tag = keyTag(key, 0, key.length);
    const slots = this.slots;
    for (let slot = 0; slot < this.count * SLOT; slot += SLOT) {
      if (slots[slot] !== tag || (slots[slot + 3] as number) < 0) continue;
      const start = slots[slot + 1] as number;
      if ((slots[slot + 2] as number) - start !== key.length || !sameBytes(view, start, key)) continue;
      const open = slots[slot + 3] as number;
      const close = slots[slot + 4] as number;
      found.push(slots[slot + 5] ? decodeString(view, open, close) : this.plain(view, open, close));
    }
    return found;
  }

  /**
   * The content of an unescaped string. In an ASCII record (most CloudTrail records) it is cut
   * from the record's text, made once: cheaper than decoding each value from the bytes.
   */
  private plain(view: Buffer, open: number, close: number): string {
    if (this.ascii < 0) this.ascii = isAscii(view) ? 1 : 0;
    if (this.ascii === 0) return view.toString('utf8', open + 1, close);
    this.text ??= view.toString('latin1');
    return this.text.slice(open + 1, close);
  }

  private grow(): void {
    const bigger = new Int32Array(this.slots.length * 2);
    bigger.set(this.slots);
    this.slots = bigger;
  }
}

/** Set by closingQuote: whether the string it just read holds a backslash. */
let escapedString = 0;

/** The bytes of the buffer last read, four at a time (aligned words), to skip string content faster. */
let wordsOf: ArrayBufferLike | undefined;
let words: Int32Array<ArrayBufferLike> = new Int32Array(0);

function wordsFor(view: Uint8Array): Int32Array {
  if (view.buffer !== wordsOf) {
    wordsOf = view.buffer;
    words = new Int32Array(view.buffer, 0, view.buffer.byteLength >> 2);
  }
  return words;
}

/** True when one of the four bytes of `word` is a quote or a backslash (the classic zero-byte test). */
function quoteOrBackslash(word: number): boolean {
  const q = word ^ 0x22222222;
  const b = word ^ 0x5c5c5c5c;
  return ((((q - 0x01010101) & ~q) | ((b - 0x01010101) & ~b)) & 0x80808080) !== 0;
}

/** Index of the unescaped quote closing a string whose content starts at `from`, or -1. */
function closingQuote(view: Uint8Array, from: number, end: number, all: Int32Array, base: number): number {
  let escaped = 0;
  let at = from;
  while (at < end) {
    if (((base + at) & 3) === 0) {
      while (at + 4 <= end && !quoteOrBackslash(all[(base + at) >> 2] as number)) at += 4;
      if (at >= end) break;
    }
    const byte = view[at];
    if (byte === QUOTE) {
      escapedString = escaped;
      return at;
    }
    if (byte === BACKSLASH) {
      escaped = 1;
      at += 2;
    } else at++;
  }
  return -1;
}

function sameBytes(view: Uint8Array, start: number, key: Uint8Array): boolean {
  for (let i = 0; i < key.length; i++) if (view[start + i] !== key[i]) return false;
  return true;
}

/** The value of the JSON string `buf[open..close]` (both quotes included), unescaped. */
export function decodeString(buf: Buffer, open: number, close: number): string {
  if (buf.subarray(open + 1, close).indexOf(BACKSLASH) < 0) return buf.toString('utf8', open + 1, close);
  try {
    return JSON.parse(buf.toString('utf8', open, close + 1)) as string;
  } catch {
    // A malformed escape: keep the raw text, the record will be rejected when it is parsed.
    return buf.toString('utf8', open + 1, close);
  }
}
