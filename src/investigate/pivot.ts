import type { Severity } from '../detect/engine/detection.js';
import type { TrailRecord } from '../trail/record.js';
import { type ActionKind, actionKind } from './actions.js';
import type { ChainLink, CredentialChain } from './chain.js';
import type { IssuedCredentials } from './credentials.js';
import type { Detector } from './detections.js';
import { type Sighting, Sightings } from './seen.js';
import type { Selection } from './selection.js';
import { timelineEntries } from './timeline.js';

export interface IdentityUse extends Sighting {
  type?: string | undefined;
  accessKeys: string[];
}

export interface ResourceUse extends Sighting {
  /** The calls that did it (`iam:CreateUser`). */
  events: string[];
}

export interface FailedCall extends Sighting {
  errorCode: string;
}

export interface DetectionUse extends Sighting {
  title: string;
  severity: Severity | string;
}

/** The blast radius of a starting point: everything the identity and its derived credentials did. */
export interface PivotReport {
  seed: Selection;
  window: { first?: string | undefined; last?: string | undefined; events: number };
  /** Who is behind the seed and the derived credentials, with the keys each used. */
  identities: IdentityUse[];
  /** How the starting credentials were issued, when the logs show it. */
  origins: IssuedCredentials[];
  /** Credentials derived from the seed, hop by hop, with who issued them. */
  sessions: ChainLink[];
  createdUsers: string[];
  sourceIps: Sighting[];
  userAgents: Sighting[];
  regions: Sighting[];
  services: Sighting[];
  resources: Record<ActionKind, ResourceUse[]>;
  failedCalls: FailedCall[];
  detections: DetectionUse[];
}

class ResourceTable {
  private readonly seen = new Sightings();
  private readonly events = new Map<string, Set<string>>();
  add(resource: string, event: string, time: string): void {
    this.seen.add(resource, time);
    const set = this.events.get(resource) ?? new Set<string>();
    set.add(event);
    this.events.set(resource, set);
  }
  list(): ResourceUse[] {
    return this.seen.list().map((s) => ({ ...s, events: [...(this.events.get(s.value) ?? [])].sort() }));
  }
}

/**
 * Builds the pivot over gathered records: identities, derived sessions, IPs, user agents,
 * regions, services, resources by what was done to them (successful calls only), failed calls
 * and detections. Pure: the records and chain come from gatherActivity (or a test).
 */
export function pivotReport(
  seed: Selection,
  rows: readonly TrailRecord[],
  chain: CredentialChain,
  detector: Detector,
): PivotReport {
  const entries = timelineEntries(rows, detector, chain);
  const identities = new Map<string, { seen: Sightings; type?: string | undefined; keys: Set<string> }>();
  const ips = new Sightings();
  const agents = new Sightings();
  const regions = new Sightings();
  const services = new Sightings();
  const failed = new Map<string, Sightings>();
  const fired = new Sightings();
  const ruleInfo = new Map<string, { title: string; severity: string }>();
  const resources: Record<ActionKind, ResourceTable> = {
    read: new ResourceTable(),
    created: new ResourceTable(),
    changed: new ResourceTable(),
    deleted: new ResourceTable(),
  };
  entries.forEach((e, i) => {
    const record = (rows[i] as TrailRecord).record;
    const who = identities.get(e.identity) ?? {
      seen: new Sightings(),
      type: e.identityType,
      keys: new Set(),
    };
    who.seen.add(e.identity, e.time);
    if (e.accessKeyId) who.keys.add(e.accessKeyId);
    identities.set(e.identity, who);
    ips.add(e.sourceIp, e.time);
    agents.add(e.userAgent, e.time);
    regions.add(e.region, e.time);
    services.add(e.eventSource.replace(/\.amazonaws\.com$/, ''), e.time);
    for (const d of e.detections) {
      fired.add(d.id, e.time);
      ruleInfo.set(d.id, d);
    }
    if (e.errorCode) {
      const byCode = failed.get(e.errorCode) ?? new Sightings();
      byCode.add(e.event, e.time);
      failed.set(e.errorCode, byCode);
      return;
    }
    const table = resources[actionKind(record)];
    for (const r of e.resources) table.add(r, e.event, e.time);
  });
  return {
    seed,
    window: { first: entries[0]?.time, last: entries.at(-1)?.time, events: entries.length },
    identities: [...identities.values()]
      .flatMap((w) => w.seen.list().map((s) => ({ ...s, type: w.type, accessKeys: [...w.keys].sort() })))
      .sort((a, b) => a.first.localeCompare(b.first)),
    origins: chain.origins,
    sessions: chain.links,
    createdUsers: chain.users,
    sourceIps: ips.list(),
    userAgents: agents.list(),
    regions: regions.list(),
    services: services.list(),
    resources: {
      created: resources.created.list(),
      changed: resources.changed.list(),
      deleted: resources.deleted.list(),
      read: resources.read.list(),
    },
    failedCalls: [...failed].flatMap(([errorCode, s]) => s.list().map((x) => ({ ...x, errorCode }))),
    detections: fired.list().map((s) => ({
      ...s,
      title: ruleInfo.get(s.value)?.title ?? s.value,
      severity: ruleInfo.get(s.value)?.severity ?? 'informational',
    })),
  };
}
