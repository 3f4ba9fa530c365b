import { isIP } from 'node:net';
import { resourcesOf } from '../detect/engine/resources.js';
import type { Finding } from '../findings/finding.js';
import type { CloudTrailRecord } from '../trail/record.js';
import { principalOf } from '../trail/record.js';
import { Sightings } from './seen.js';

export const IOC_KINDS = ['ipv4', 'ipv6', 'access-key', 'principal', 'user-agent', 'resource'] as const;
export type IocKind = (typeof IOC_KINDS)[number];

/** An indicator of compromise with when it was first and last seen and how often. */
export interface Ioc {
  kind: IocKind;
  value: string;
  first: string;
  last: string;
  count: number;
}

const ACCESS_KEY = /^(AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,124}$/;

/** IPs only: CloudTrail's sourceIPAddress also holds AWS service names (ec2.amazonaws.com) and "AWS Internal". */
export function ipKind(value: string | undefined): IocKind | undefined {
  if (!value) return undefined;
  const v = isIP(value);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : undefined;
}

/** Collects indicators and their sightings; `list()` gives them by kind, then first seen. */
export class IocCollector {
  private readonly kinds = new Map<IocKind, Sightings>(IOC_KINDS.map((k) => [k, new Sightings()]));
  private readonly events = new Map<string, Set<string>>();

  add(kind: IocKind, value: string | undefined, time: string, times = 1): void {
    if (kind === 'access-key' && value !== undefined && !ACCESS_KEY.test(value)) return;
    this.kinds.get(kind)?.add(value, time, times);
  }

  addIp(value: string | undefined, time: string, times = 1): void {
    const kind = ipKind(value);
    if (kind) this.add(kind, value, time, times);
  }

  addRecord(record: CloudTrailRecord): void {
    const t = record.eventTime;
    this.addIp(record.sourceIPAddress, t);
    this.add('access-key', record.userIdentity?.accessKeyId, t);
    this.add('principal', principalOf(record), t);
    this.add('user-agent', record.userAgent, t);
    for (const r of resourcesOf(record)) if (r.startsWith('arn:')) this.add('resource', r, t);
  }

  /**
   * A finding's indicators, seen from its first to its last event. Counted in distinct events of
   * the findings they appear in (event ids), so rules firing on the same call do not count it twice.
   */
  addFinding(f: Finding): void {
    const add = (kind: IocKind, value: string) => {
      this.add(kind, value, f.first_seen, 0);
      this.add(kind, value, f.last_seen, 0);
      const key = `${kind}\u0000${value}`;
      const events = this.events.get(key) ?? new Set<string>();
      for (const id of f.event_ids) events.add(id);
      // Events beyond the ids a finding keeps are counted as extra, unnamed ones.
      if (f.event_ids_truncated || f.event_ids.length === 0)
        for (let i = f.event_ids.length; i < f.count; i++) events.add(`${f.id}#${i}`);
      this.events.set(key, events);
    };
    for (const ip of f.source_ips) {
      const kind = ipKind(ip);
      if (kind) add(kind, ip);
    }
    if (f.principal && f.principal !== 'unknown') add('principal', f.principal);
    for (const ua of f.user_agents) add('user-agent', ua);
    for (const r of f.resources) if (r.startsWith('arn:')) add('resource', r);
  }

  addIoc(ioc: Ioc): void {
    this.add(ioc.kind, ioc.value, ioc.first, ioc.count);
    if (ioc.last !== ioc.first) this.add(ioc.kind, ioc.value, ioc.last, 0);
  }

  list(): Ioc[] {
    return IOC_KINDS.flatMap((kind) =>
      (this.kinds.get(kind) as Sightings).list().map((s) => ({
        kind,
        ...s,
        count: s.count + (this.events.get(`${kind}\u0000${s.value}`)?.size ?? 0),
      })),
    );
  }
}

export function iocsOfRecords(records: Iterable<CloudTrailRecord>): Ioc[] {
  const c = new IocCollector();
  for (const r of records) c.addRecord(r);
  return c.list();
}
