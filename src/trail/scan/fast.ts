import {
  isSpace,
  probeMasks,
  probeRecords,
  recordAt,
  recordStarts,
  starts,
  timeKeys,
} from './delivered-index.js';
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

const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
/** How many pieces before a candidate must also be balanced objects (see verify). */
const LOOK_BACK = 3;

let flags = new Uint8Array(4096);
const CANDIDATE = 1;
const BALANCED = 2;

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
