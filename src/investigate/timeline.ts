import { resourcesOf } from '../detect/engine/resources.js';
import { principalOf, type TrailRecord } from '../trail/record.js';
import type { CredentialChain } from './chain.js';
import type { Detector } from './detections.js';

/** One call in the timeline: who, from where, what, on what, whether it failed, what fired on it. */
export interface TimelineEntry {
  time: string;
  identity: string;
  identityType?: string | undefined;
  accessKeyId?: string | undefined;
  /** 0 for the starting credentials, n for credentials derived n hops from them; absent otherwise. */
  chainDepth?: number | undefined;
  sourceIp?: string | undefined;
  userAgent?: string | undefined;
  region?: string | undefined;
  account?: string | undefined;
  event: string;
  eventSource: string;
  eventName: string;
  readOnly?: boolean | undefined;
  resources: string[];
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  detections: { id: string; title: string; severity: string }[];
  eventId?: string | undefined;
  origin: string;
}

/** Hours without a single record in a region that has records before and after them. */
export interface LogGap {
  region: string;
  /** The first silent hour and the end of the last (ISO 8601). */
  from: string;
  to: string;
  hours: number;
}

const HOUR = 3_600_000;

export function timelineEntries(
  rows: readonly TrailRecord[],
  detector: Detector,
  chain?: CredentialChain,
): TimelineEntry[] {
  const depths = new Map<string, number>();
  if (chain) {
    for (const k of chain.seedKeys) depths.set(k, 0);
    for (const link of chain.links)
      if (!depths.has(link.accessKeyId)) depths.set(link.accessKeyId, link.depth);
  }
  return rows.map(({ record, origin }) => {
    const key = record.userIdentity?.accessKeyId;
    return {
      time: record.eventTime,
      identity: principalOf(record),
      identityType: record.userIdentity?.type,
      accessKeyId: key,
      chainDepth: key === undefined ? undefined : depths.get(key),
      sourceIp: record.sourceIPAddress,
      userAgent: record.userAgent,
      region: record.awsRegion,
      account: record.recipientAccountId ?? record.userIdentity?.accountId,
      event: `${record.eventSource.replace(/\.amazonaws\.com$/, '')}:${record.eventName}`,
      eventSource: record.eventSource,
      eventName: record.eventName,
      readOnly: record.readOnly,
      resources: resourcesOf(record),
      errorCode: record.errorCode,
      errorMessage: record.errorMessage,
      detections: detector.fired(record).map((r) => ({ id: r.id, title: r.title, severity: r.severity })),
      eventId: record.eventID,
      origin: `${origin.source}#${origin.index}`,
    };
  });
}

function hourStart(hour: string): number {
  return Date.parse(`${hour}:00:00Z`);
}

/**
 * Gaps in the logs: for each region, the runs of hours with no record at all between two hours
 * that have records (quiet at the edges of the data is not a gap). Input: records per region per
 * `YYYY-MM-DDTHH` hour.
 */
export function logGaps(hours: ReadonlyMap<string, ReadonlyMap<string, number>>): LogGap[] {
  const gaps: LogGap[] = [];
  for (const [region, counts] of hours) {
    const active = [...counts]
      .filter(([, n]) => n > 0)
      .map(([h]) => hourStart(h))
      .filter((t) => !Number.isNaN(t))
      .sort((a, b) => a - b);
    for (let i = 1; i < active.length; i++) {
      const before = active[i - 1] as number;
      const after = active[i] as number;
      if (after - before > HOUR) {
        gaps.push({
          region: region || '(no region)',
          from: new Date(before + HOUR).toISOString(),
          to: new Date(after).toISOString(),
          hours: Math.round((after - before - HOUR) / HOUR),
        });
      }
    }
  }
  return gaps.sort((a, b) => a.from.localeCompare(b.from) || a.region.localeCompare(b.region));
}
