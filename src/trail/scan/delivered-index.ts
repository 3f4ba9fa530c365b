import { finderFor } from './needle.js';

/**
 * Where the records of a delivered file (`{"Records":[{"eventVersion":...},...]}`, compact) start,
 * found with byte searches, and what the fast path knows of each before reading it: where its only
 * top-level `"eventTime":"` key is, and which of the peek's probes it holds. The arrays are reused
 * from file to file (one file is indexed at a time in a worker).
 */

const HEAD = Buffer.from('{"Records":[');
const FIRST = Buffer.from('{"eventVersion":');
const TIME = Buffer.from('Time":"');
const EVENT = Buffer.from('"event');
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/** Where each record starts; `starts[count]` is one past the last record's end (see recordStarts). */
export let starts = new Int32Array(4096);
/** Per record: where its only `"eventTime":"` key starts, or -1 when it has several. */
export let timeKeys = new Int32Array(4096);
/** Per record: which of the peek's probes it holds (bit i: probes[i]). */
export let probeMasks = new Uint8Array(4096);

/** Byte by byte: for patterns this short, cheaper than a native call. */
export function startsWith(buf: Uint8Array, pattern: Uint8Array, at: number): boolean {
  if (at < 0 || at + pattern.length > buf.length) return false;
  for (let i = 0; i < pattern.length; i++) if (buf[at + i] !== pattern[i]) return false;
  return true;
}

export function isSpace(byte: number | undefined): boolean {
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
export function recordStarts(buf: Buffer, from: number): { count: number } | undefined {
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
export function probeRecords(buf: Buffer, from: number, probes: readonly string[], count: number): void {
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

/** Index of the record containing byte `pos`: the last start <= pos. */
export function recordAt(pos: number, count: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
