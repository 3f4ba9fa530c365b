import type { Hit } from '../detect/engine/hit.js';

export const MAX_EVENT_IDS = 100;
/**
 * How many distinct values a finding keeps per list: enough to act on, bounded so a flood of
 * attacker-chosen values (user agents, addresses) cannot grow memory. The count is always exact.
 */
export const LIST_CAPS = { ips: 20, agents: 5, resources: 20, names: 20, accounts: 20, regions: 20 } as const;
export const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/** The hits of one rule × principal × resource within one fixed time window. */
export interface Group {
  ruleId: string;
  principal: string;
  resource: string;
  first: number;
  last: number;
  count: number;
  accounts: Set<string>;
  regions: Set<string>;
  resources: Set<string>;
  ips: Set<string>;
  agents: Set<string>;
  names: Set<string>;
  /** The earliest events (by time, then id), at most MAX_EVENT_IDS, as parallel lists, and the latest time among them. */
  times: number[];
  ids: string[];
  eventsMax: number;
  idsSeen: number;
}

/**
 * Groups as a scan worker sends them back with a blob's end (structured-cloned, so plain arrays):
 * [ruleId, principal, resource, first, last, count, accounts, regions, resources, ips, agents,
 * names, times, ids, idsSeen]. The window is that of the first time.
 */
export type PartialGroup = [
  string,
  string,
  string,
  number,
  number,
  number,
  string[],
  string[],
  string[],
  string[],
  string[],
  string[],
  number[],
  string[],
  number,
];
export interface PartialGroups {
  windowMs: number;
  groups: PartialGroup[];
}

/** The resource a finding is about: an S3 object's bucket, so a burst over many objects is one finding. */
export function groupingResource(resource: string | undefined): string {
  if (!resource) return '';
  if (!resource.startsWith('arn:')) return resource;
  const object = /^(arn:[^:]+:s3:::[^/]+)\//.exec(resource);
  return object ? (object[1] as string) : resource;
}

function addCapped(set: Set<string>, value: string | undefined, cap: number): void {
  if (value && set.size < cap) set.add(value);
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
  readonly groups = new Map<string, Group>();

  constructor(readonly windowMs: number = DEFAULT_WINDOW_MS) {}

  #group(ruleId: string, principal: string, resource: string, t: number): Group {
    const key = `${ruleId}\u0000${principal}\u0000${resource}\u0000${Math.floor(t / this.windowMs)}`;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        ruleId,
        principal,
        resource,
        first: t,
        last: t,
        count: 0,
        accounts: new Set(),
        regions: new Set(),
        resources: new Set(),
        ips: new Set(),
        agents: new Set(),
        names: new Set(),
        times: [],
        ids: [],
        eventsMax: -Infinity,
        idsSeen: 0,
      };
      this.groups.set(key, g);
    }
    return g;
  }

  /** Adds a hit to the groups of those of its rules `accept` takes (default: all). */
  add(hit: Hit, accept?: (ruleId: string) => boolean): void {
    const t = Date.parse(hit.time);
    if (Number.isNaN(t)) return;
    const resource = groupingResource(hit.resources[0]);
    for (const ruleId of hit.rules) {
      if (accept && !accept(ruleId)) continue;
      const g = this.#group(ruleId, hit.principal, resource, t);
      g.count++;
      if (t < g.first) g.first = t;
      if (t > g.last) g.last = t;
      addCapped(g.accounts, hit.account, LIST_CAPS.accounts);
      addCapped(g.regions, hit.region, LIST_CAPS.regions);
      for (const r of hit.resources) addCapped(g.resources, r, LIST_CAPS.resources);
      addCapped(g.ips, hit.sourceIp, LIST_CAPS.ips);
      addCapped(g.agents, hit.userAgent, LIST_CAPS.agents);
      if (g.names.size < LIST_CAPS.names) g.names.add(callName(hit.eventSource, hit.eventName));
      if (hit.eventId) keepEarliest(g, t, hit.eventId);
      for (const id of hit.related ?? []) if (id !== hit.eventId) keepEarliest(g, t, id);
    }
  }

  /** The groups as plain arrays, to send across threads; the groups are then forgotten. */
  drain(): PartialGroups {
    const groups: PartialGroup[] = [];
    for (const g of this.groups.values())
      groups.push([
        g.ruleId,
        g.principal,
        g.resource,
        g.first,
        g.last,
        g.count,
        [...g.accounts],
        [...g.regions],
        [...g.resources],
        [...g.ips],
        [...g.agents],
        [...g.names],
        g.times,
        g.ids,
        g.idsSeen,
      ]);
    this.groups.clear();
    return { windowMs: this.windowMs, groups };
  }

  /** Merges what drain() gave (in another thread), keeping the groups of the rules `accept` takes. */
  absorb(partial: PartialGroups, accept?: (ruleId: string) => boolean): void {
    if (partial.windowMs !== this.windowMs)
      throw new RangeError(`partial groups of a ${partial.windowMs} ms window, not ${this.windowMs} ms`);
    for (const p of partial.groups) {
      const [ruleId, principal, resource, first, last, count] = p;
      if (accept && !accept(ruleId)) continue;
      const g = this.#group(ruleId, principal, resource, first);
      g.count += count;
      if (first < g.first) g.first = first;
      if (last > g.last) g.last = last;
      const [, , , , , , accounts, regions, resources, ips, agents, names, times, ids, idsSeen] = p;
      for (const v of accounts) addCapped(g.accounts, v, LIST_CAPS.accounts);
      for (const v of regions) addCapped(g.regions, v, LIST_CAPS.regions);
      for (const v of resources) addCapped(g.resources, v, LIST_CAPS.resources);
      for (const v of ips) addCapped(g.ips, v, LIST_CAPS.ips);
      for (const v of agents) addCapped(g.agents, v, LIST_CAPS.agents);
      for (const v of names) addCapped(g.names, v, LIST_CAPS.names);
      for (let i = 0; i < ids.length; i++) keepEarliest(g, times[i] as number, ids[i] as string);
      g.idsSeen += idsSeen - ids.length;
    }
  }
}

/** Before, in the order event ids are kept: earlier time, then smaller id (so any arrival order keeps the same ids). */
function before(t: number, id: string, t2: number, id2: string): boolean {
  return t < t2 || (t === t2 && id < id2);
}

export function keepEarliest(g: Group, t: number, id: string): void {
  g.idsSeen++;
  if (g.ids.length < MAX_EVENT_IDS) {
    g.times.push(t);
    g.ids.push(id);
    if (t > g.eventsMax) g.eventsMax = t;
    return;
  }
  if (t > g.eventsMax) return;
  let latest = 0;
  for (let i = 1; i < g.times.length; i++)
    if (before(g.times[latest] as number, g.ids[latest] as string, g.times[i] as number, g.ids[i] as string))
      latest = i;
  if (!before(t, id, g.times[latest] as number, g.ids[latest] as string)) return;
  g.times[latest] = t;
  g.ids[latest] = id;
  let max = -Infinity;
  for (const time of g.times) if (time > max) max = time;
  g.eventsMax = max;
}

/** Merges a later group of the same rule × principal × resource into an earlier one (adjacent windows). */
export function mergeGroup(into: Group, from: Group): void {
  into.count += from.count;
  into.first = Math.min(into.first, from.first);
  into.last = Math.max(into.last, from.last);
  for (const [a, b, cap] of [
    [into.accounts, from.accounts, LIST_CAPS.accounts],
    [into.regions, from.regions, LIST_CAPS.regions],
    [into.resources, from.resources, LIST_CAPS.resources],
    [into.ips, from.ips, LIST_CAPS.ips],
    [into.agents, from.agents, LIST_CAPS.agents],
    [into.names, from.names, LIST_CAPS.names],
  ] as const)
    for (const v of b) addCapped(a, v, cap);
  for (let i = 0; i < from.ids.length; i++)
    keepEarliest(into, from.times[i] as number, from.ids[i] as string);
  into.idsSeen += from.idsSeen - from.ids.length;
}
