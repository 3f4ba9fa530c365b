import { compareIds, copyId, type IdParts, idsOf } from './event-ids.js';

export const MAX_EVENT_IDS = 100;
/** The capped lists of a group, in this order (PartialGroup.lists, and the segments of Group.values). */
export const LISTS = ['accounts', 'regions', 'resources', 'ips', 'agents', 'names'] as const;
/**
 * How many distinct values a finding keeps per list: enough to act on, bounded so a flood of
 * attacker-chosen values (user agents, addresses) cannot grow memory. The count is always exact.
 */
export const LIST_CAPS = { ips: 20, agents: 5, resources: 20, names: 20, accounts: 20, regions: 20 } as const;
/** LIST_CAPS in the order of LISTS. */
export const CAPS: readonly number[] = LISTS.map((list) => LIST_CAPS[list]);
/** Bits per list size in Group.sizes (every cap fits). */
const SIZE_BITS = 5;
const SIZE_MASK = (1 << SIZE_BITS) - 1;
if (CAPS.some((cap) => cap > SIZE_MASK) || LISTS.length * SIZE_BITS > 30)
  throw new Error('list caps do not fit in Group.sizes');
const IDS = 1 << LISTS.length;
/** Every list and the ids full (or shadowed). */
export const ALL_FULL = (IDS << 1) - 1;

/** The hits of one rule × principal × resource within one fixed time window. */
export interface Group extends IdParts {
  ruleId: string;
  principal: string;
  resource: string;
  bucket: number;
  first: number;
  last: number;
  count: number;
  /**
   * Distinct values per list of LISTS, first seen first, at most LIST_CAPS each: one array, list
   * after list, with each list's size in `sizes` (SIZE_BITS per list). Tens of thousands of groups
   * last the whole hunt: one array each instead of seven (a 1 GB hunt's groups: 59 → 50 MB).
   */
  values: string[];
  sizes: number;
  /**
   * The earliest events (by time, then id), at most MAX_EVENT_IDS: their times, their ids (by
   * position, as IdParts: see eventIds), and the latest time among them.
   */
  times: number[];
  eventsMax: number;
  idsSeen: number;
  /** Bits of the lists (then ids) emptied for good because an earlier window merged with this one holds enough. */
  shadowed: number;
}

/** How many values one list of LISTS holds. */
export function listSize(g: Group, list: number): number {
  return (g.sizes >>> (list * SIZE_BITS)) & SIZE_MASK;
}

function listStart(g: Group, list: number): number {
  let at = 0;
  for (let before = 0; before < list; before++) at += listSize(g, before);
  return at;
}

/** The values of one list of LISTS (a copy). */
export function listValues(g: Group, list: number): string[] {
  const at = listStart(g, list);
  return g.values.slice(at, at + listSize(g, list));
}

/** Adds a value to a list unless it holds it already or is full (`intern` gives the copy kept). */
export function addToList(g: Group, list: number, value: string, intern?: (s: string) => string): void {
  const size = listSize(g, list);
  if (size >= (CAPS[list] as number)) return;
  const at = listStart(g, list);
  for (let i = at; i < at + size; i++) if (g.values[i] === value) return;
  const kept = intern ? intern(value) : value;
  if (at + size === g.values.length) g.values.push(kept);
  else g.values.splice(at + size, 0, kept);
  g.sizes += 1 << (list * SIZE_BITS);
}

function emptyList(g: Group, list: number): void {
  g.values.splice(listStart(g, list), listSize(g, list));
  g.sizes &= ~(SIZE_MASK << (list * SIZE_BITS));
}

/** Bits of the lists (then ids) that are full or shadowed: when they change, neighbours may be pruned. */
export function fullness(g: Group): number {
  let bits = g.shadowed;
  for (let list = 0; list < LISTS.length; list++)
    if (listSize(g, list) >= (CAPS[list] as number)) bits |= 1 << list;
  if (g.times.length >= MAX_EVENT_IDS) bits |= IDS;
  return bits;
}

/** True when the later window will be merged into a finding with the earlier one (stays true as hits arrive). */
export function linked(earlier: Group, later: Group, windowMs: number): boolean {
  return later.first - earlier.last <= windowMs;
}

/**
 * Empties, for good, the lists of `later` that can no longer reach its finding: those whose list
 * in `earlier` (linked, so merged first) is full. Only its values would ever be kept.
 */
export function shadow(earlier: Group, later: Group): void {
  for (let list = 0; list < LISTS.length; list++)
    if (listSize(earlier, list) >= (CAPS[list] as number) || earlier.shadowed & (1 << list)) {
      later.shadowed |= 1 << list;
      emptyList(later, list);
    }
  if (earlier.times.length >= MAX_EVENT_IDS || earlier.shadowed & IDS) {
    later.shadowed |= IDS;
    later.times = [];
    later.idParts = [];
    later.otherIds = undefined;
    later.eventsMax = -Infinity;
  }
}

/** The ids of the events kept, in the order of `times`. */
export function eventIds(g: Group): string[] {
  return idsOf(g, g.times.length);
}

/** True when kept event i comes before kept event j: earlier time, then smaller id. */
function eventBefore(g: Group, i: number, j: number): boolean {
  const ti = g.times[i] as number;
  const tj = g.times[j] as number;
  return ti < tj || (ti === tj && compareIds(g, i, g, j) < 0);
}

/**
 * Keeps the event at time t whose id is id j of `ids` if it is among the earliest MAX_EVENT_IDS
 * (by time, then id, so any arrival order keeps the same ids).
 */
export function keepEarliest(g: Group, t: number, ids: IdParts, j: number): void {
  g.idsSeen++;
  if (g.shadowed & IDS) return;
  const kept = g.times.length;
  if (kept < MAX_EVENT_IDS) {
    g.times.push(t);
    copyId(g, kept, ids, j);
    if (t > g.eventsMax) g.eventsMax = t;
    return;
  }
  if (t > g.eventsMax) return;
  let latest = 0;
  for (let i = 1; i < kept; i++) if (eventBefore(g, latest, i)) latest = i;
  const tl = g.times[latest] as number;
  if (!(t < tl || (t === tl && compareIds(g, latest, ids, j) > 0))) return;
  g.times[latest] = t;
  copyId(g, latest, ids, j);
  let max = -Infinity;
  for (const time of g.times) if (time > max) max = time;
  g.eventsMax = max;
}

/** Merges a later group of the same rule × principal × resource into an earlier one (adjacent windows). */
export function mergeGroup(into: Group, from: Group): void {
  into.count += from.count;
  into.first = Math.min(into.first, from.first);
  into.last = Math.max(into.last, from.last);
  for (let list = 0; list < LISTS.length; list++)
    for (const v of listValues(from, list)) addToList(into, list, v);
  for (let i = 0; i < from.times.length; i++) keepEarliest(into, from.times[i] as number, from, i);
  into.idsSeen += from.idsSeen - from.times.length;
}
