import type { Hit } from '../detect/engine/hit.js';
import { asIdParts } from './event-ids.js';
import { ALL_FULL, addToList, fullness, type Group, keepEarliest, LISTS, linked, shadow } from './group.js';
import { type PartialGroups, packGroups, unpackGroups } from './partial.js';

export { type Group, LIST_CAPS, listValues, MAX_EVENT_IDS, mergeGroup } from './group.js';
export { type PartialGroup, type PartialGroups, unpackGroups } from './partial.js';
export const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/** The resource a finding is about: an S3 object's bucket, so a burst over many objects is one finding. */
export function groupingResource(resource: string | undefined): string {
  if (!resource) return '';
  if (!resource.startsWith('arn:')) return resource;
  const object = /^(arn:[^:]+:s3:::[^/]+)\//.exec(resource);
  return object ? (object[1] as string) : resource;
}

function addCapped(g: Group, list: number, value: string | undefined, intern?: (s: string) => string): void {
  if (value && !(g.shadowed & (1 << list))) addToList(g, list, value, intern);
}

/** Most distinct strings shared between groups (past it, new values are kept as they come). */
const MAX_SHARED = 200_000;

/** The map under `key` in `map`, created empty when missing. */
function within<K, K2, V2>(map: Map<K, Map<K2, V2>>, key: K): Map<K2, V2> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

const SERVICE_SUFFIX = '.amazonaws.com';
function callName(eventSource: string, eventName: string): string {
  const service = eventSource.endsWith(SERVICE_SUFFIX)
    ? eventSource.slice(0, -SERVICE_SUFFIX.length)
    : eventSource;
  return `${service}:${eventName}`;
}

/**
 * Hits grouped per rule × principal × resource × fixed time window, with bounded lists. Partial
 * groups (built in a scan worker over one blob) merge into it exactly: counts add, times take
 * extremes, capped lists keep the first values in arrival order, event ids the earliest.
 */
export class HitGroups {
  /** Every group, in creation order. */
  readonly groups = new Set<Group>();
  /** Rule → principal → resource → window → group: nested, so no key string is built per hit. */
  readonly #index = new Map<string, Map<string, Map<string, Map<number, Group>>>>();
  /**
   * One copy of each list value kept from absorbed groups: the same user agents, call names and
   * regions recur in thousands of groups, and each blob's pack brings its own copies.
   */
  readonly #shared = new Map<string, string>();
  readonly #share = (s: string): string => {
    const known = this.#shared.get(s);
    if (known !== undefined) return known;
    if (this.#shared.size < MAX_SHARED) this.#shared.set(s, s);
    return s;
  };

  constructor(readonly windowMs: number = DEFAULT_WINDOW_MS) {}

  /** The windows of one rule × principal × resource (created empty when missing). */
  #windows(ruleId: string, principal: string, resource: string): Map<number, Group> {
    return within(within(within(this.#index, ruleId), principal), resource);
  }

  #group(ruleId: string, principal: string, resource: string, t: number): Group {
    const bucket = Math.floor(t / this.windowMs);
    const windows = this.#windows(ruleId, principal, resource);
    let g = windows.get(bucket);
    if (!g) {
      g = {
        ruleId,
        principal,
        resource,
        bucket,
        first: t,
        last: t,
        count: 0,
        values: [],
        sizes: 0,
        times: [],
        idParts: [],
        otherIds: undefined,
        eventsMax: -Infinity,
        idsSeen: 0,
        shadowed: 0,
      };
      windows.set(bucket, g);
      this.groups.add(g);
      this.#prune(g, windows);
    }
    return g;
  }

  /**
   * Lists of a window that can never reach a finding are dropped: when the window before (of the
   * same rule × principal × resource) is close enough to be merged with it and its list is full.
   */
  #prune(g: Group, windows = this.#windows(g.ruleId, g.principal, g.resource)): void {
    const before = windows.get(g.bucket - 1);
    if (before && linked(before, g, this.windowMs)) shadow(before, g);
    const after = windows.get(g.bucket + 1);
    if (after && linked(g, after, this.windowMs)) shadow(g, after);
  }

  /** Adds a hit to the groups of those of its rules `accept` takes (default: all). */
  add(hit: Hit, accept?: (ruleId: string) => boolean): void {
    const t = Date.parse(hit.time);
    if (Number.isNaN(t)) return;
    const resource = groupingResource(hit.resources[0]);
    for (const ruleId of hit.rules) {
      if (accept && !accept(ruleId)) continue;
      const g = this.#group(ruleId, hit.principal, resource, t);
      const full = g.shadowed === ALL_FULL ? ALL_FULL : fullness(g);
      g.count++;
      if (t < g.first) g.first = t;
      if (t > g.last) g.last = t;
      addCapped(g, 0, hit.account);
      addCapped(g, 1, hit.region);
      for (const r of hit.resources) addCapped(g, 2, r);
      addCapped(g, 3, hit.sourceIp);
      addCapped(g, 4, hit.userAgent);
      addCapped(g, 5, callName(hit.eventSource, hit.eventName));
      if (hit.eventId) keepEarliest(g, t, asIdParts(hit.eventId), 0);
      for (const id of hit.related ?? []) if (id && id !== hit.eventId) keepEarliest(g, t, asIdParts(id), 0);
      if (full !== ALL_FULL && fullness(g) !== full) this.#prune(g);
    }
  }

  /**
   * The windows of each rule × principal × resource, one list per key. With `forget`, each key's
   * groups are forgotten once the next is asked for (so memory goes down as findings are made).
   */
  *byKey(forget = false): Generator<Group[]> {
    for (const principals of this.#index.values())
      for (const resources of principals.values())
        for (const [resource, windows] of resources) {
          const list = [...windows.values()];
          yield list;
          if (!forget) continue;
          resources.delete(resource);
          for (const g of list) this.groups.delete(g);
        }
    if (forget) {
      this.#index.clear();
      this.#shared.clear();
    }
  }

  /** The groups packed to send across threads; the groups are then forgotten. */
  drain(): PartialGroups {
    const partial = packGroups(this.windowMs, this.groups);
    this.groups.clear();
    this.#index.clear();
    return partial;
  }

  /** Merges what drain() gave (in another thread), keeping the groups of the rules `accept` takes. */
  absorb(partial: PartialGroups, accept?: (ruleId: string) => boolean): void {
    if (partial.windowMs !== this.windowMs)
      throw new RangeError(`partial groups of a ${partial.windowMs} ms window, not ${this.windowMs} ms`);
    for (const p of unpackGroups(partial)) {
      const { ruleId, principal, resource, first, last, count, lists, times, idsSeen } = p;
      if (accept && !accept(ruleId)) continue;
      const g = this.#group(this.#share(ruleId), this.#share(principal), this.#share(resource), first);
      g.count += count;
      if (first < g.first) g.first = first;
      if (last > g.last) g.last = last;
      for (let list = 0; list < LISTS.length; list++)
        for (const v of lists[list] ?? []) addCapped(g, list, v, this.#share);
      for (let i = 0; i < times.length; i++) keepEarliest(g, times[i] as number, p, i);
      g.idsSeen += idsSeen - times.length;
      this.#prune(g);
      // Arrays grown by push keep room for 16 more: copies hold what is there, as groups last the hunt.
      g.values = g.values.slice();
      g.times = g.times.slice();
      g.idParts = g.idParts.slice();
    }
  }
}
