import { GarrisonError } from '../../errors.js';
import type { CloudTrailRecord } from '../../trail/record.js';
import type { RecordPeek } from '../../trail/scan/types.js';
import { type Hit, hitOf } from '../engine/hit.js';
import { type DetectionMeta, detectionMetaSchema } from '../rules/metadata.js';

/**
 * A stateful detection watches the time-ordered stream of records and fires on patterns no single
 * record shows. It is pure (no AWS, no clock: time is the records' eventTime) and its memory is
 * bounded by caps that evict the least recently seen principals or sessions.
 */
export interface StatefulHit extends Hit {
  /** Event ids of the earlier records that make up the pattern (bounded), besides `eventId`. */
  related: string[];
  /** One line for the analyst; contains attacker-controlled text (IPs, user agents): neutralise before printing. */
  summary: string;
}

export interface StatefulDetector {
  readonly id: string;
  /** Feed the next record (in eventTime order; small disorder is tolerated). */
  observe(record: CloudTrailRecord): StatefulHit[];
  /** End of stream: hits still pending. */
  flush(): StatefulHit[];
  /** How many keys (principals, sessions) it holds now: what the caps bound. */
  size(): number;
  /** Merges what a scan worker's collector gathered (see StatefulDetection.collector). */
  absorb?(aggregate: unknown): void;
}

/**
 * Gathers, from the raw bytes of every record, the little a detection needs about records it
 * does not otherwise see (e.g. first-seen tables), so those records need not be parsed. Lives in
 * a scan worker; `drain()` returns a structured-clonable aggregate and starts afresh.
 */
export interface StatefulCollector {
  peek(peek: RecordPeek): void;
  drain(): unknown;
}

export interface StatefulOptions {
  /** Most principals or sessions remembered at once (least recently seen evicted first). Default 10 000. */
  maxKeys?: number;
  /** CIDRs that count as AWS networks (e.g. EC2 ranges from ip-ranges.json) for the instance-credential check. */
  awsNetworks?: string[];
  /** The baselines arrive through absorb() (built in scan workers), not from the records observed. */
  baselinesAbsorbed?: boolean;
  /** Most calls a detection holds until the end of the hunt before judging the oldest at once. Default 20 000. */
  maxPending?: number;
}

export interface StatefulDetection {
  meta: DetectionMeta;
  /** eventNames it needs to see; undefined when it must see every record (baselines). */
  eventNames: ReadonlySet<string> | undefined;
  /** A cheap test on the raw record: false when the detection certainly ignores it. */
  mightMatch(peek: RecordPeek): boolean;
  create(options?: StatefulOptions): StatefulDetector;
  /**
   * Optional: a raw-record collector for scan workers, fed every record: it keeps what observe()
   * would build from all of them (e.g. first-seen tables). The detector absorbs its drain() and,
   * created with `baselinesAbsorbed`, then needs only the records `wants` takes.
   */
  collector?(options?: StatefulOptions): StatefulCollector;
  /**
   * Optional: false when observe() certainly ignores this parsed record (changes no state, fires
   * nothing), so a scan worker need not send it. Absent: every record may matter.
   */
  wants?(record: CloudTrailRecord): boolean;
}

/** Declares a stateful detection; its metadata is validated like a pack rule's (file and field on error). */
export function defineStateful(
  file: string,
  meta: unknown,
  parts: Omit<StatefulDetection, 'meta'>,
): StatefulDetection {
  const result = detectionMetaSchema.safeParse(meta);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new GarrisonError(
      'input',
      `${file}: field ${issue?.path.join('.') || '(metadata)'}: ${issue?.message}`,
    );
  }
  return { meta: result.data, ...parts };
}

export const DEFAULT_MAX_KEYS = 10_000;
/** Most related event ids a hit carries. */
export const MAX_RELATED = 100;

export function statefulHit(
  id: string,
  record: CloudTrailRecord,
  summary: string,
  related: string[] = [],
): StatefulHit {
  return hitWithSummary(hitOf(record, [id]), summary, related);
}

/** A hit made earlier (hitOf) with the analyst's line and the related event ids. */
export function hitWithSummary(hit: Hit, summary: string, related: string[] = []): StatefulHit {
  return { ...hit, related: related.slice(0, MAX_RELATED), summary };
}

/** Milliseconds since the epoch of a record's eventTime (validated ISO 8601 by the record schema). */
export function timeOf(record: CloudTrailRecord): number {
  const t = Date.parse(record.eventTime);
  return Number.isNaN(t) ? 0 : t;
}
