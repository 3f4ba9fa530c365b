import { finderFor } from './needle.js';
import { RecordSifter } from './sift.js';
import { isOneValue } from './structure.js';
import type { ScanEvent } from './types.js';

/**
 * The fast path for files in CloudTrail's delivered layout: `{"Records":[{"eventVersion":...},...]}`,
 * compact, as S3 delivery writes them. Record boundaries are found with a byte search for
 * `},{"eventVersion":`, needles jump straight to the few records that may match, and only those
 * are parsed. Any surprise (a candidate that is not one balanced JSON object, a different layout)
 * returns 'fallback', and the caller re-reads the file with the structural splitter; so the fast
 * path only ever changes the speed, not the answer. Records never looked at are not validated.
 */

const HEAD = Buffer.from('{"Records":[');
const FIRST = Buffer.from('{"eventVersion":');
const TIME = Buffer.from('Time":"');
const EVENT = Buffer.from('"event');
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
/** How many pieces before a candidate must also be balanced objects (see verify). */
const LOOK_BACK = 3;

let starts = new Int32Array(4096);
let flags = new Uint8Array(4096);
/** Per record: where its only `"eventTime":"` key starts, or -1 when it has several. */
let timeKeys = new Int32Array(4096);
/** Per record: which of the peek's probes it holds (bit i: probes[i]). */
let probeMasks = new Uint8Array(4096);
const CANDIDATE = 1;
const BALANCED = 2;

/** Byte by byte: for patterns this short, cheaper than a native call. */
function startsWith(buf: Buffer, pattern: Buffer, at: number): boolean {
  if (at < 0 || at + pattern.length > buf.length) return false;
  for (let i = 0; i < pattern.length; i++) if (buf[at + i] !== pattern[i]) return false;
  return true;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Start offsets of the records (`starts[count]` is one past the last record's end). Undefined when
 * the file is not in the compact delivered layout, or when a `{"eventVersion":` object sits
 * anywhere but at a record boundary `},{` (a nested object): such files take the structural path.
 * (The search is for `{"eventVersion":`, not `"eventVersion":`: a pattern that starts with a rare
 * byte is found several times faster.) A record whose first key is not eventVersion (CloudTrail
 * always writes it first) would hide in its neighbour's piece: the eventTime count catches it.
 */
function recordStarts(buf: Buffer, from: number): { count: number } | undefined {
  if (!startsWith(buf, HEAD, from)) return undefined;
  let end = buf.length;
  while (end > from && isSpace(buf[end - 1])) end--;
  if (buf[end - 1] !== CLOSE_BRACE || buf[end - 2] !== 0x5d) return undefined;
  const closing = end - 2;
  const first = from + HEAD.length;
  if (first === closing) return { count: 0 };
  if (!startsWith(buf, FIRST, first)) return undefined;
  starts[0] = first;
  let count = 1;
  let at = buf.indexOf(FIRST, first + FIRST.length);
  while (at >= 0 && at < closing) {
    if (buf[at - 1] !== COMMA || buf[at - 2] !== CLOSE_BRACE) return undefined;
    if (count + 2 > starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
      timeKeys = new Int32Array(starts.length);
      probeMasks = new Uint8Array(starts.length);
    }
    starts[count++] = at;
    at = buf.indexOf(FIRST, at + FIRST.length);
  }
  starts[count] = closing + 1; // record i is [starts[i], starts[i+1] - 1): the byte before a start is its comma
  return eventTimes(buf, first, closing, count) === count ? { count } : undefined;
}

/**
 * How many `"eventTime":"` keys: one per record, whatever its key order (the field is required).
 * Compared with the count of boundaries, it catches a record that does not start with eventVersion
 * (it would be counted with its neighbour and shift every later index). Searches `Time":"` (a rare
 * first byte is fast) and checks the `"event` before it. Notes in timeKeys where each record's is:
 * with as many keys as records, a record holding exactly one holds its own top-level one.
 */
function eventTimes(buf: Buffer, from: number, to: number, count: number): number {
  let found = 0;
  let index = 0;
  timeKeys.fill(-1, 0, count);
  let at = buf.indexOf(TIME, from);
  while (at >= 0 && at < to) {
    const key = at - EVENT.length;
    if (startsWith(buf, EVENT, key)) {
      found++;
      while (index + 1 < count && starts[index + 1]! <= key) index++;
      timeKeys[index] = timeKeys[index] === -1 ? key : -2; // -2: several, so none is trusted
    }
    at = buf.indexOf(TIME, at + TIME.length);
  }
  for (let i = 0; i < count; i++) if (timeKeys[i]! < 0) timeKeys[i] = -1;
  return found;
}

/**
 * Which records hold each probe (a key the peek could not settle from a record's head): one
 * byte search per probe over the file, then a bit per record.
 */
function probeRecords(buf: Buffer, from: number, probes: readonly string[], count: number): void {
  probeMasks.fill(0, 0, count);
  probes.forEach((key, bit) => {
    const finder = finderFor(JSON.stringify(key));
    let hit = finder.find(buf, from);
    while (hit >= 0) {
      const index = recordAt(hit, count);
      probeMasks[index]! |= 1 << bit;
      hit = finder.find(buf, starts[index + 1]!);
    }
  });
}

/**
 * A `},{"eventVersion":` nested in an array inside a record would split that record in pieces,
 * and the pieces around the split are not balanced objects. So before trusting piece i, it and up
 * to LOOK_BACK pieces before it must each be one balanced object; else the caller falls back.
 */
function verify(buf: Buffer, index: number, lookBack: number): boolean {
  for (let i = index; i >= 0 && i >= index - lookBack; i--) {
    if ((flags[i]! & BALANCED) !== 0) continue;
    const start = starts[i]!;
    const end = starts[i + 1]! - 1;
    if (!plainRecord(buf, start, end) && !isOneValue(buf, start, end)) return false;
    flags[i]! |= BALANCED;
  }
  return true;
}

/**
 * A cheap proof that a piece is one record, for the ~40% of records without arrays: with no `[`
 * or `]` byte at all, every object in the piece but the first can only start as a member value,
 * after a colon. A `{` after anything else is a second record (one whose first key is not
 * eventVersion) or text in a string: then the byte loop decides. (Given no arrays, the piece can
 * neither end inside a nested array nor leave the Records array.) A few memchr calls per record.
 */
function plainRecord(buf: Buffer, start: number, end: number): boolean {
  const view = buf.subarray(start, end);
  if (view.indexOf(0x5b) >= 0 || view.indexOf(0x5d) >= 0) return false;
  let open = view.indexOf(OPEN_BRACE, 1);
  while (open >= 0) {
    let back = open - 1;
    while (back > 0 && isSpace(view[back])) back--;
    if (view[back] !== COLON) return false;
    open = view.indexOf(OPEN_BRACE, open + 1);
  }
  return true;
}

/** Index of the record containing byte `pos`: the last start <= pos. */
function recordAt(pos: number, count: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface FastResult {
  records: number;
  events: ScanEvent[];
}

/** Scans a whole decompressed file in the delivered layout; 'fallback' when it is not that simple. */
export function scanDelivered(buf: Buffer, from: number, sifter: RecordSifter): FastResult | 'fallback' {
  const found = recordStarts(buf, from);
  if (!found) return 'fallback';
  const { count } = found;
  if (flags.length < count + 1) flags = new Uint8Array(count * 2);
  flags.fill(0, 0, count);
  // With needles, only the records holding one are candidates (each checked with its neighbours);
  // without, every record is, and checking each one (balance or parse) covers the whole file.
  const lookBack = sifter.needles ? LOOK_BACK : 0;
  const mustVerify = sifter.needles !== undefined || sifter.matcher.mightMatch !== undefined;
  if (sifter.needles) {
    for (const needle of sifter.needles) {
      let hit = needle.find(buf, from);
      while (hit >= 0) {
        const index = recordAt(hit, count);
        flags[index]! |= CANDIDATE;
        hit = needle.find(buf, starts[index + 1]!);
      }
    }
  } else flags.fill(CANDIDATE, 0, count);

  const events: ScanEvent[] = [];
  const inner = new RecordSifter(sifter.matcher, sifter.location, (event) => events.push(event));
  const probes = inner.matcher.mightMatch ? inner.peek.probes() : [];
  inner.peek.probing(probes);
  if (probes.length > 0) probeRecords(buf, from, probes, count);
  for (let index = 0; index < count; index++) {
    if ((flags[index]! & CANDIDATE) === 0) continue;
    if (mustVerify && lookBack > 0 && !verify(buf, index, lookBack)) return 'fallback';
    const start = starts[index]!;
    const end = starts[index + 1]! - 1;
    if (!inner.mightMatch(buf, start, end, timeKeys[index], probes.length ? probeMasks[index] : 0)) {
      // Without needles every piece is checked: one the peek rules out by its balance, one it
      // lets through by JSON.parse, which fails on anything but one whole value.
      if (mustVerify && lookBack === 0 && !verify(buf, index, 0)) return 'fallback';
      continue;
    }
    if (inner.check(buf, start, end, index) === 'unparsable') return 'fallback';
  }
  return { records: count, events };
}
