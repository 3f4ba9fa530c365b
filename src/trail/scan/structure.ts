/**
 * The string-aware structural splitter: finds where each record starts and ends in raw JSON bytes,
 * whatever the layout (`{"Records":[...]}`, a JSON array, one or several top-level objects) and
 * however the text is indented. It is incremental (feed chunks as they are decompressed), so a file
 * of any size is split with bounded memory. It only follows brackets and strings; each record's
 * JSON is validated later, when (and if) it is parsed.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

export type Layout = 'unknown' | 'records' | 'array' | 'values';

/** Receives each record's bytes, `buf[start, end)`; must be done with them before returning. */
export type RecordSink = (buf: Buffer, start: number, end: number) => void;

export class RecordSplitter {
  layout: Layout = 'unknown';
  /** Set when the bytes cannot be JSON: where and why. Nothing more is read after it. */
  failure: { offset: number; reason: string } | undefined;
  private carry: Buffer = Buffer.alloc(0);
  /** Offset of carry[0] in the whole input. */
  private base = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private stringStart = -1;
  private lastString = '';
  /** The depth at which records sit: 1 in an array, 2 in `{"Records":[...]}`, 0 for top-level objects. */
  private recordDepth = -1;
  private elementStart = -1;
  private lastSolid = -1;

  constructor(private readonly sink: RecordSink) {}

  /** Splits the next chunk; false once the input has failed. */
  feed(chunk: Buffer): boolean {
    if (this.failure) return false;
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const scanned = this.carry.length;
    this.scan(data, scanned);
    if (this.failure) return false;
    const keep = this.elementStart >= 0 ? this.elementStart : data.length;
    const keepString = this.inString && this.depth === 1 ? Math.min(keep, this.stringStart) : keep;
    const from = Math.max(0, Math.min(keep, keepString));
    this.carry = data.subarray(from);
    this.base += from;
    if (this.elementStart >= 0) this.elementStart -= from;
    if (this.stringStart >= 0) this.stringStart -= from;
    this.lastSolid -= from;
    return true;
  }

  /** At the end of input: true when it ended between records (nothing cut off). */
  finish(): boolean {
    if (this.failure) return false;
    return this.depth === 0 && !this.inString && this.elementStart < 0;
  }

  /** Offset in the whole input of the record being read when the input ended or failed. */
  get pendingOffset(): number {
    return this.base + Math.max(0, this.elementStart);
  }

  private fail(offset: number, reason: string): void {
    this.failure = { offset: this.base + offset, reason };
  }

  /** The byte loop; state lives in locals while it runs (this is the slow path's hot spot). */
  private scan(data: Buffer, from: number): void {
    let { depth, inString, escape: escaped, elementStart, lastSolid, recordDepth, stringStart } = this;
    const n = data.length;
    for (let i = from; i < n; i++) {
      const c = data[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          lastSolid = i;
          if (depth === 1 && i - stringStart < 64) this.lastString = data.toString('utf8', stringStart, i);
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      const atRecordDepth = depth === recordDepth;
      if (c === QUOTE) {
        if (depth === 0) {
          this.fail(i, 'not JSON: a string at the top level');
          break;
        }
        inString = true;
        stringStart = i + 1;
        if (atRecordDepth && elementStart < 0) elementStart = i;
      } else if (c === 0x7b || c === 0x5b) {
        if (depth === 0) {
          if (c === 0x5b) {
            if (this.layout === 'unknown') this.layout = 'array';
            recordDepth = 1;
          } else {
            if (this.layout === 'unknown') this.layout = 'values';
            recordDepth = 0;
            elementStart = i;
            this.lastString = '';
          }
        } else if (depth === 1 && recordDepth === 0 && c === 0x5b && this.lastString === 'Records') {
          this.layout = 'records';
          recordDepth = 2;
          elementStart = -1;
        } else if (atRecordDepth && elementStart < 0) elementStart = i;
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth < 0) {
          this.fail(i, `unexpected '${String.fromCharCode(c)}'`);
          break;
        }
        if (recordDepth > 0 && depth === recordDepth - 1 && elementStart >= 0) {
          this.sink(data, elementStart, lastSolid + 1);
          elementStart = -1;
        } else if (depth === 0 && recordDepth === 0 && elementStart >= 0) {
          this.sink(data, elementStart, i + 1);
          elementStart = -1;
        }
        if (depth === 0) recordDepth = -1;
      } else if (c === COMMA) {
        if (atRecordDepth && elementStart >= 0) {
          this.sink(data, elementStart, lastSolid + 1);
          elementStart = -1;
        }
      } else if (depth === 0) {
        this.fail(i, `not JSON: unexpected '${String.fromCharCode(c)}' at the top level`);
        break;
      } else if (atRecordDepth && elementStart < 0) {
        elementStart = i;
      }
      lastSolid = i;
    }
    Object.assign(this, {
      depth,
      inString,
      escape: escaped,
      elementStart,
      lastSolid,
      recordDepth,
      stringStart,
    });
  }
}

/**
 * True when `buf[start, end)` is exactly one balanced JSON object or array (strings respected).
 * String contents are skipped by a tight inner loop that looks only for a quote or a backslash
 * (twice as fast as one state machine over every byte: most of a record's bytes are in strings).
 */
export function isOneValue(buf: Buffer, start: number, end: number): boolean {
  let depth = 0;
  for (let i = start; i < end; i++) {
    let c = buf[i]!;
    if (c === QUOTE) {
      for (i++; i < end; i++) {
        c = buf[i]!;
        if (c === QUOTE) break;
        if (c === BACKSLASH) i++;
      }
      if (i >= end) return false;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 0 || (depth === 0 && i !== end - 1)) return false;
    }
  }
  return depth === 0;
}
