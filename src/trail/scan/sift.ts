import { describeError } from '../../errors.js';
import { checkRecord } from '../record.js';
import { HeadPeek } from './head-peek.js';
import { finderFor, type NeedleFinder } from './needle.js';
import type { RecordMatcher, ScanEvent } from './types.js';

export type Emit = (event: ScanEvent) => void;

/**
 * Each needle costs one byte search over the whole file; past this many, checking every record's
 * peek (mightMatch) is cheaper, so the needles are not used (a matcher with many values to look
 * for does best with a Set lookup in mightMatch).
 */
export const MAX_NEEDLES = 8;

const peeks = new WeakMap<RecordMatcher, HeadPeek>();

/**
 * One peek per matcher, kept from file to file: it learns which keys to probe for. (A worker scans
 * its blobs one after the other, so the peek is never used by two at once.)
 */
function peekFor(matcher: RecordMatcher): HeadPeek {
  let peek = peeks.get(matcher);
  if (!peek) {
    peek = new HeadPeek(Buffer.alloc(0));
    peeks.set(matcher, peek);
  }
  return peek;
}

/** What happened to one record's bytes. 'unparsable': not JSON (the caller decides: fall back or reject). */
export type Sifted = 'skipped' | 'checked' | 'unparsable';

/**
 * Decides, record by record, whether the bytes are worth parsing: needles (a byte search), then the
 * matcher's peek, then JSON.parse + checkRecord + match. One per blob; reuses its peek.
 */
export class RecordSifter {
  readonly needles: NeedleFinder[] | undefined;
  readonly peek: HeadPeek;
  lastParseError = '';
  /** Whether the matcher's peek has just let through the record about to be checked. */
  private peeked = false;

  constructor(
    readonly matcher: RecordMatcher,
    readonly location: string,
    private readonly emit: Emit,
  ) {
    this.peek = peekFor(matcher);
    const needles = matcher.needles;
    this.needles =
      needles && needles.length > 0 && needles.length <= MAX_NEEDLES
        ? needles.map((n) => finderFor(n))
        : undefined;
  }

  /** True when no needle occurs in `buf[start, end)` (so the record cannot match). */
  lacksNeedles(buf: Buffer, start: number, end: number): boolean {
    if (!this.needles) return false;
    const view = buf.subarray(start, end);
    for (const needle of this.needles) if (needle.find(view) >= 0) return false;
    return true;
  }

  /**
   * False when the matcher's peek rules the record out. `timeKey`: where the record's only
   * top-level `"eventTime":"` is, when the scanner knows (the peek then reads the record's head);
   * `probeMask`: which of the peek's probes the record holds (see HeadPeek).
   */
  mightMatch(buf: Buffer, start: number, end: number, timeKey = -1, probeMask = 0): boolean {
    const might = this.matcher.mightMatch;
    this.peeked = false;
    if (!might) return true;
    this.peeked = might.call(this.matcher, this.peek.aim(buf, start, end, timeKey, probeMask));
    return this.peeked;
  }

  /** Parses, validates and matches one record; emits its match or its rejection. */
  check(buf: Buffer, start: number, end: number, index: number): Sifted {
    const peeked = this.peeked;
    this.peeked = false;
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8', start, end));
    } catch (error) {
      this.lastParseError = `invalid JSON: ${describeError(error)}`;
      return 'unparsable';
    }
    this.checkValue(value, index, peeked);
    return 'checked';
  }

  /** Validates and matches one parsed record (`peeked`: as RecordMatcher.match). */
  checkValue(value: unknown, index: number, peeked = false): void {
    const checked = checkRecord(value, { asParsed: this.matcher.asParsed === true });
    if (!checked.ok) {
      this.emit({
        kind: 'rejected',
        rejection: { location: `${this.location}#${index}`, reason: checked.reason },
      });
      return;
    }
    const origin = { source: this.location, index };
    const out = this.matcher.match(checked.record, origin, peeked);
    if (out !== undefined) this.emit({ kind: 'match', value: out, origin });
  }

  /** The whole sieve for a record found by a splitter: needles, peek, then the full check. */
  sift(buf: Buffer, start: number, end: number, index: number): Sifted {
    if (this.lacksNeedles(buf, start, end) || !this.mightMatch(buf, start, end)) return 'skipped';
    return this.check(buf, start, end, index);
  }

  reject(location: string, reason: string): void {
    this.emit({ kind: 'rejected', rejection: { location, reason } });
  }
}
