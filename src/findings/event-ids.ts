/**
 * Event ids as findings keep them. CloudTrail's event ids are lowercase UUIDs: their 32 hex digits
 * are kept as three whole numbers (12, 12 and 8 digits, all exact in a double), 24 bytes inline
 * in an array instead of a pointer to a 56-byte string. A hunt keeps hundreds of thousands of them.
 * Any other id (upper case, made up by a tool) is kept as its string, by index (see IdParts).
 */

/** Numbers per id in an id-parts array. */
export const ID_PARTS = 3;

/** Where each group of hex digits starts in a UUID, and how many there are (dashes skipped). */
const DIGIT_RUNS: readonly (readonly [number, number])[] = [
  [0, 8],
  [9, 4],
  [14, 4],
  [19, 4],
  [24, 12],
];
const DASHES = [8, 13, 18, 23];

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Writes the id's three parts into `out` when it is a lowercase UUID and returns true; false (out
 * untouched) for any other id. Parts compare, in order, as the id strings do.
 */
export function uuidParts(id: string, out: number[]): boolean {
  if (id.length !== 36) return false;
  for (const at of DASHES) if (id.charCodeAt(at) !== 45) return false;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let digits = 0;
  for (const [start, length] of DIGIT_RUNS)
    for (let i = start; i < start + length; i++, digits++) {
      const d = hexDigit(id.charCodeAt(i));
      if (d < 0) return false;
      if (digits < 12) p0 = p0 * 16 + d;
      else if (digits < 24) p1 = p1 * 16 + d;
      else p2 = p2 * 16 + d;
    }
  out[0] = p0;
  out[1] = p1;
  out[2] = p2;
  return true;
}

/** True when these are the parts of a UUID (whole numbers of 12, 12 and 8 hex digits). */
export function validUuidParts(p0: number, p1: number, p2: number): boolean {
  const in48 = (p: number) => Number.isInteger(p) && p >= 0 && p < 2 ** 48;
  return in48(p0) && in48(p1) && Number.isInteger(p2) && p2 >= 0 && p2 < 2 ** 32;
}

/** The UUID whose parts these are. */
export function uuidOf(p0: number, p1: number, p2: number): string {
  const hex =
    p0.toString(16).padStart(12, '0') + p1.toString(16).padStart(12, '0') + p2.toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The ids of a list of events, by position: `idParts` holds ID_PARTS numbers per id; an id that
 * is not a UUID has -1 - k as its first part, where k is its index in `otherIds`.
 */
export interface IdParts {
  idParts: number[];
  otherIds: string[] | undefined;
}

export function idAt(ids: IdParts, i: number): string {
  const at = i * ID_PARTS;
  const p0 = ids.idParts[at] as number;
  if (p0 < 0) return (ids.otherIds as string[])[-1 - p0] as string;
  return uuidOf(p0, ids.idParts[at + 1] as number, ids.idParts[at + 2] as number);
}

/** The ids, in order (`count` of them). */
export function idsOf(ids: IdParts, count: number): string[] {
  return Array.from({ length: count }, (_, i) => idAt(ids, i));
}

/** One id as IdParts, to compare or copy a string id without a list of its own. */
const single: IdParts = { idParts: [0, 0, 0], otherIds: [''] };

/** This id (never empty) as IdParts of one id: valid until the next call. */
export function asIdParts(id: string): IdParts {
  if (!uuidParts(id, single.idParts)) {
    single.idParts[0] = -1;
    (single.otherIds as string[])[0] = id;
  }
  return single;
}

/** Sets the id at position i of `to` (i = its length appends one) to id j of `from`. */
export function copyId(to: IdParts, i: number, from: IdParts, j: number): void {
  if (to === from && i === j) return;
  const b = j * ID_PARTS;
  const p0 = from.idParts[b] as number;
  const id = p0 < 0 ? ((from.otherIds as string[])[-1 - p0] as string) : undefined;
  if (id === '') throw new RangeError('an empty event id cannot be kept');
  const at = i * ID_PARTS;
  const replaced = to.idParts[at];
  // The string slot of a replaced id that was not a UUID is freed ('') and reused first.
  if (replaced !== undefined && replaced < 0) (to.otherIds as string[])[-1 - replaced] = '';
  if (id === undefined) {
    to.idParts[at] = p0;
    to.idParts[at + 1] = from.idParts[b + 1] as number;
    to.idParts[at + 2] = from.idParts[b + 2] as number;
    return;
  }
  to.otherIds ??= [];
  let k = to.otherIds.indexOf('');
  if (k < 0) k = to.otherIds.push(id) - 1;
  else to.otherIds[k] = id;
  to.idParts[at] = -1 - k;
  to.idParts[at + 1] = 0;
  to.idParts[at + 2] = 0;
}

/** Sets the id (never empty: '' marks a free slot of otherIds) at position i; i = the length appends one. */
export function setIdAt(ids: IdParts, i: number, id: string): void {
  copyId(ids, i, asIdParts(id), 0);
}

/** The order of id i of `a` and id j of `b`, as `<` orders their strings: -1, 0 or 1. */
export function compareIds(a: IdParts, i: number, b: IdParts, j: number): number {
  const x = i * ID_PARTS;
  const y = j * ID_PARTS;
  const a0 = a.idParts[x] as number;
  const b0 = b.idParts[y] as number;
  if (a0 >= 0 && b0 >= 0) {
    if (a0 !== b0) return a0 < b0 ? -1 : 1;
    const a1 = a.idParts[x + 1] as number;
    const b1 = b.idParts[y + 1] as number;
    if (a1 !== b1) return a1 < b1 ? -1 : 1;
    const a2 = a.idParts[x + 2] as number;
    const b2 = b.idParts[y + 2] as number;
    return a2 === b2 ? 0 : a2 < b2 ? -1 : 1;
  }
  const s = idAt(a, i);
  const t = idAt(b, j);
  return s === t ? 0 : s < t ? -1 : 1;
}
