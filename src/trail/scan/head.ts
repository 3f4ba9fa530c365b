import { startsWith } from './delivered-index.js';
import { decodeString } from './peek-pairs.js';

/**
 * The head of a CloudTrail record as AWS writes it, compact and in its fixed key order:
 * `{"eventVersion":"…","userIdentity":{"type":"…",…},"eventTime":"…","eventSource":"…",
 * "eventName":"…","awsRegion":"…","sourceIPAddress":"…","userAgent":"…"[,"errorCode":…],
 * "requestParameters":…`. Read from the bytes without parsing the record: the top-level string
 * members from eventTime on (up to the first member that is not a string), and userIdentity's
 * leading string members. These are the fields most rules test first, so most records are judged
 * from a few hundred bytes instead of a pass over all of them.
 *
 * The reader is told where the record's top-level `"eventTime":"` key is (the scanner proved it
 * is the record's only one), so every member read after it sits at the top level: a member is
 * only read as one when its value is a string, and anything else ends the head. Anything that is
 * not exactly this shape (whitespace, an escaped key, another order) just ends the reading early;
 * what was not read is answered by the whole-record peek. A key written twice in the same object
 * (AWS never does; JSON.parse would keep the last) is judged by its first occurrence.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const EVENT_VERSION = Buffer.from('{"eventVersion":"');
const USER_IDENTITY = Buffer.from(',"userIdentity":{');

/** Where a member was found: at the record's top level, or directly in userIdentity. */
export const TOP = 0;
export const IDENTITY = 1;

/** Per member: scope, key start, key end, value's opening quote, closing quote, escaped (0/1). */
const SLOT = 6;
const MAX_MEMBERS = 32;

/** Index of the quote closing the string whose content starts at `from` (before `end`), or -1; sets `escaped`. */
let escaped = 0;
function closingQuote(buf: Uint8Array, from: number, end: number): number {
  escaped = 0;
  for (let at = from; at < end; at++) {
    const byte = buf[at];
    if (byte === QUOTE) return at;
    if (byte === BACKSLASH) {
      escaped = 1;
      at++;
    }
  }
  return -1;
}

export class RecordHead {
  private readonly slots = new Int32Array(SLOT * MAX_MEMBERS);
  private count = 0;
  private buf: Buffer = Buffer.alloc(0);
  /** Whether userIdentity was read to its end: then a key not read is not there. */
  private identityComplete = false;
  /** userIdentity's opening brace, and the top-level eventTime key: userIdentity lies between. */
  identityStart = -1;
  timeKey = -1;

  /** Reads the head of the record `buf[start, end)` whose top-level eventTime key starts at `timeKey`. */
  read(buf: Buffer, start: number, end: number, timeKey: number): void {
    this.buf = buf;
    this.count = 0;
    this.timeKey = timeKey;
    this.identityStart = -1;
    this.identityComplete = false;
    if (!startsWith(buf, EVENT_VERSION, start)) return;
    const afterVersion = this.members(start + 1, end, TOP, 1);
    if (typeof afterVersion === 'number' && startsWith(buf, USER_IDENTITY, afterVersion - 1)) {
      this.identityStart = afterVersion + USER_IDENTITY.length - 2;
      this.identityComplete = this.members(this.identityStart + 1, timeKey, IDENTITY) === 'closed';
    }
    this.members(timeKey, end, TOP);
  }

  /**
   * Reads string members from `at` (the quote of a key) on, up to `limit` of them; returns
   * 'closed' when the object ended, the index after the comma when the limit was reached, or
   * 'stopped' at anything unexpected. At the top level a value that is not a string stops the
   * reading; in userIdentity a nested object (sessionContext) is skipped over.
   */
  private members(
    at: number,
    end: number,
    scope: number,
    limit = MAX_MEMBERS,
  ): 'closed' | 'stopped' | number {
    const buf = this.buf;
    let read = 0;
    while (at < end && this.count < MAX_MEMBERS) {
      if (buf[at] !== QUOTE) return 'stopped';
      const keyEnd = closingQuote(buf, at + 1, end);
      if (keyEnd < 0 || escaped || buf[keyEnd + 1] !== COLON) return 'stopped';
      if (buf[keyEnd + 2] !== QUOTE) {
        if (scope === TOP) return 'stopped';
        const after = skipValue(buf, keyEnd + 2, end);
        if (after < 0) return 'stopped';
        if (buf[after] === CLOSE_BRACE) return 'closed';
        if (buf[after] !== COMMA) return 'stopped';
        at = after + 1;
        continue;
      }
      const open = keyEnd + 2;
      const close = closingQuote(buf, open + 1, end);
      if (close < 0) return 'stopped';
      const slot = this.count++ * SLOT;
      const slots = this.slots;
      slots[slot] = scope;
      slots[slot + 1] = at + 1;
      slots[slot + 2] = keyEnd;
      slots[slot + 3] = open;
      slots[slot + 4] = close;
      slots[slot + 5] = escaped;
      const next = buf[close + 1];
      if (next === CLOSE_BRACE) return 'closed';
      if (next !== COMMA) return 'stopped';
      at = close + 2;
      if (++read === limit) return at;
    }
    return 'stopped';
  }

  /**
   * The value of `key` (its bytes) in `scope`: a string when read, null when the scope was read to
   * its end without it (so it is not there), undefined when the head cannot tell.
   */
  value(scope: number, key: Uint8Array): string | null | undefined {
    const slots = this.slots;
    const buf = this.buf;
    for (let slot = 0; slot < this.count * SLOT; slot += SLOT) {
      if (slots[slot] !== scope) continue;
      const keyStart = slots[slot + 1] as number;
      if ((slots[slot + 2] as number) - keyStart !== key.length || !startsWith(buf, key, keyStart)) continue;
      const open = slots[slot + 3] as number;
      const close = slots[slot + 4] as number;
      return slots[slot + 5] ? decodeString(buf, open, close) : buf.toString('utf8', open + 1, close);
    }
    if (scope === IDENTITY && this.identityComplete) return null;
    return undefined;
  }
}

/**
 * The index just past the JSON value starting at `at` (an object, an array or a literal), or -1.
 * Strings inside are skipped whole, so brackets in them do not count.
 */
function skipValue(buf: Uint8Array, at: number, end: number): number {
  const first = buf[at];
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    while (at < end && buf[at] !== COMMA && buf[at] !== CLOSE_BRACE) at++;
    return at < end ? at : -1;
  }
  let depth = 0;
  for (; at < end; at++) {
    const byte = buf[at];
    if (byte === QUOTE) {
      at = closingQuote(buf, at + 1, end);
      if (at < 0) return -1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (--depth === 0) return at + 1;
    }
  }
  return -1;
}
