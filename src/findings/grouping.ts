import { createHash } from 'node:crypto';
import type { RuleInfo } from '../detect/engine/detection.js';
import type { Hit } from '../detect/engine/hit.js';
import { compareFindings, type Finding, ruleRef } from './finding.js';

export const MAX_EVENT_IDS = 100;
/**
 * How many distinct values a finding keeps per list: enough to act on, bounded so a flood of
 * attacker-chosen values (user agents, addresses) cannot grow memory. The count is always exact.
 */
export const LIST_CAPS = { ips: 20, agents: 5, resources: 20, names: 20, accounts: 20, regions: 20 } as const;
export const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

interface Group {
  rule: RuleInfo;
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
  /** The earliest events, at most MAX_EVENT_IDS, as parallel lists (no object per event), and the latest time among them. */
  times: number[];
  ids: string[];
  eventsMax: number;
  idsSeen: number;
}

/** The resource a finding is about: an S3 object's bucket, so a burst over many objects is one finding. */
export function groupingResource(resource: string | undefined): string {
  if (!resource) return '';
  const object = /^(arn:[^:]+:s3:::[^/]+)\//.exec(resource);
  return object ? (object[1] as string) : resource;
}

function addCapped(set: Set<string>, value: string | undefined, cap: number): void {
  if (value && set.size < cap) set.add(value);
}

/**
 * Groups hits into findings per rule × principal × resource: hits fall into fixed windows, then
 * windows of the same key whose events are less than a window apart are merged, so a burst that
 * crosses a window boundary stays one finding. Memory is bounded per finding (capped sets and ids).
 */
export class FindingGrouper {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly rules: ReadonlyMap<string, RuleInfo>,
    readonly windowMs: number = DEFAULT_WINDOW_MS,
  ) {}

  add(hit: Hit): void {
    const t = Date.parse(hit.time);
    if (Number.isNaN(t)) return;
    const bucket = Math.floor(t / this.windowMs);
    const resource = groupingResource(hit.resources[0]);
    for (const ruleId of hit.rules) {
      const rule = this.rules.get(ruleId);
      if (!rule) continue;
      const key = `${ruleId}\u0000${hit.principal}\u0000${resource}\u0000${bucket}`;
      let g = this.groups.get(key);
      if (!g) {
        g = {
          rule,
          principal: hit.principal,
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
      g.count++;
      g.first = Math.min(g.first, t);
      g.last = Math.max(g.last, t);
      addCapped(g.accounts, hit.account, LIST_CAPS.accounts);
      addCapped(g.regions, hit.region, LIST_CAPS.regions);
      for (const r of hit.resources) addCapped(g.resources, r, LIST_CAPS.resources);
      addCapped(g.ips, hit.sourceIp, LIST_CAPS.ips);
      addCapped(g.agents, hit.userAgent, LIST_CAPS.agents);
      addCapped(
        g.names,
        `${hit.eventSource.replace(/\.amazonaws\.com$/, '')}:${hit.eventName}`,
        LIST_CAPS.names,
      );
      if (hit.eventId) keepEarliest(g, t, hit.eventId);
      for (const id of hit.related ?? []) if (id !== hit.eventId) keepEarliest(g, t, id);
    }
  }

  /** The findings so far, merged across adjacent windows, most severe first. */
  findings(): Finding[] {
    const byKey = new Map<string, Group[]>();
    for (const g of this.groups.values()) {
      const key = `${g.rule.id}\u0000${g.principal}\u0000${g.resource}`;
      const list = byKey.get(key) ?? [];
      list.push(g);
      byKey.set(key, list);
    }
    const out: Finding[] = [];
    for (const list of byKey.values()) {
      list.sort((a, b) => a.first - b.first);
      let current: Group | undefined;
      for (const g of list) {
        if (current && g.first - current.last <= this.windowMs) merge(current, g);
        else {
          if (current) out.push(toFinding(current));
          current = g;
        }
      }
      if (current) out.push(toFinding(current));
    }
    return out.sort(compareFindings);
  }
}

function keepEarliest(g: Group, t: number, id: string): void {
  g.idsSeen++;
  if (g.ids.length < MAX_EVENT_IDS) {
    g.times.push(t);
    g.ids.push(id);
    g.eventsMax = Math.max(g.eventsMax, t);
    return;
  }
  if (t >= g.eventsMax) return;
  let latest = 0;
  for (let i = 1; i < g.times.length; i++)
    if ((g.times[i] as number) > (g.times[latest] as number)) latest = i;
  g.times[latest] = t;
  g.ids[latest] = id;
  g.eventsMax = Math.max(...g.times);
}

function merge(into: Group, from: Group): void {
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

function toFinding(g: Group): Finding {
  const firstSeen = new Date(g.first).toISOString();
  const id = createHash('sha256')
    .update([g.rule.id, g.principal, g.resource, firstSeen].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
  const events = g.ids
    .map((id, i) => ({ t: g.times[i] as number, id }))
    .sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
  return {
    id,
    rule: ruleRef(g.rule),
    severity: g.rule.severity,
    title: g.rule.title,
    description: g.rule.description,
    principal: g.principal,
    accounts: [...g.accounts].sort(),
    regions: [...g.regions].sort(),
    resources: [...g.resources],
    source_ips: [...g.ips],
    user_agents: [...g.agents],
    event_names: [...g.names],
    first_seen: firstSeen,
    last_seen: new Date(g.last).toISOString(),
    count: g.count,
    event_ids: events.map((e) => e.id),
    event_ids_truncated: g.idsSeen > events.length,
    playbook: g.rule.playbook,
  };
}
