import { HitGroups, type PartialGroups } from '../../findings/hit-groups.js';
import type { CloudTrailRecord, RecordOrigin } from '../../trail/record.js';
import { ObjectPeek } from '../../trail/scan/peek.js';
import type { MatcherSpec, RecordMatcher, RecordPeek } from '../../trail/scan/types.js';
import { StatefulCollectors, slimRecord } from '../stateful/index.js';
import type { StatefulDetection, StatefulOptions } from '../stateful/types.js';
import type { EngineRule } from './detection.js';
import { hitOf } from './hit.js';
import { RuleIndex } from './rule-index.js';
import { loadDetections, type RuleSelection } from './rule-set.js';

export interface HuntMatcherOptions extends RuleSelection {
  /** Only records at or after / at or before these times (epoch ms). */
  since?: number | undefined;
  until?: number | undefined;
  /** The grouping window of the findings (default one hour): hits are grouped in the workers. */
  windowMs?: number | undefined;
  /** Options of the stateful detections whose baselines the workers keep (maxKeys). */
  statefulOptions?: StatefulOptions | undefined;
}

/**
 * What a scan worker sends back for one record: the slim record, when a stateful detection
 * (run in the main thread, over the whole stream) wants to see it. Rule hits are not sent one by
 * one: they are grouped in the worker and sent with the blob's end (HuntAggregate).
 */
export interface HuntMatch {
  state: CloudTrailRecord;
}

/** What a scan worker sends back at the end of each blob. */
export interface HuntAggregate {
  /** Records on which at least one rule fired. */
  fired: number;
  /** The rule hits of the blob, grouped (FindingGrouper.absorb merges them). */
  hits: PartialGroups;
  /** Stateful baselines by detection id (StatefulRun.absorb merges them). */
  baselines: Record<string, unknown>;
}

/**
 * The hunt's matcher, built inside each scan worker from a HuntMatcherOptions: rules indexed by
 * eventName, needles and a raw-record peek so records no detection can use are never parsed.
 */
export async function createMatcher(options: unknown): Promise<RecordMatcher<HuntMatch>> {
  const o = (options ?? {}) as HuntMatcherOptions;
  const { rules, stateful } = await loadDetections(o);
  return matcherFor(
    new RuleIndex(rules),
    stateful.map((s) => s.detection),
    o,
  );
}

export function matcherFor(
  index: RuleIndex,
  stateful: readonly StatefulDetection[] = [],
  options: Omit<HuntMatcherOptions, keyof RuleSelection> = {},
): RecordMatcher<HuntMatch> {
  const { since, until } = options;
  const timed = since !== undefined || until !== undefined;
  const groups = new HitGroups(options.windowMs);
  // What stateful detections gather from every record (first-seen tables), from its raw bytes.
  const collectors = new StatefulCollectors(options.statefulOptions, stateful);
  const inWindow = (time: string | undefined) => {
    if (!timed) return true;
    const t = Date.parse(time ?? '');
    return !((since !== undefined && t < since) || (until !== undefined && t > until));
  };
  const collect = (peek: RecordPeek) => {
    if (!collectors.empty && inWindow(peek.field('eventTime')[0])) collectors.peek(peek);
  };
  const wants = stateful.map((d) => d.wants);
  const wantsAll = wants.some((w) => w === undefined);
  const wantsState = (record: CloudTrailRecord) => wantsAll || wants.some((w) => w?.(record));
  let fired = 0;
  /** The rules the peek let through, for the record it just looked at (see RecordMatcher.match). */
  let survivors: EngineRule[] = [];
  return {
    needles: stateful.length ? undefined : index.needles,
    asParsed: true,
    mightMatch(peek: RecordPeek) {
      collect(peek);
      survivors = index.survivors(peek);
      return survivors.length > 0 || stateful.some((d) => d.mightMatch(peek));
    },
    match(record: CloudTrailRecord, _origin: RecordOrigin, peeked = false): HuntMatch | undefined {
      const among = peeked ? survivors : undefined;
      survivors = [];
      // A record parsed without a peek first (a whole-file parse) is collected from the object.
      if (!peeked) collect(new ObjectPeek(record));
      if (!inWindow(record.eventTime)) return undefined;
      const rules = among ? index.matchAmong(record, among) : index.match(record);
      if (rules.length) {
        fired++;
        groups.add(hitOf(record, rules));
      }
      if (stateful.length === 0) return undefined;
      return wantsState(record) ? { state: slimRecord(record) } : undefined;
    },
    endOfBlob(): HuntAggregate {
      const aggregate: HuntAggregate = {
        fired,
        hits: groups.drain(),
        baselines: collectors.drain(),
      };
      fired = 0;
      return aggregate;
    },
    discardBlob() {
      groups.drain();
      collectors.drain();
      fired = 0;
    },
  };
}

/** How scan workers build this matcher. */
export function huntMatcherSpec(options: HuntMatcherOptions): MatcherSpec {
  return { module: new URL('./matcher.js', import.meta.url).href, options };
}
