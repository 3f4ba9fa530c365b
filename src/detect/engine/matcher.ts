import type { CloudTrailRecord, RecordOrigin } from '../../trail/record.js';
import type { MatcherSpec, RecordMatcher, RecordPeek } from '../../trail/scan/types.js';
import { slimRecord } from '../stateful/index.js';
import type { StatefulDetection } from '../stateful/types.js';
import { type Hit, hitOf } from './hit.js';
import { RuleIndex } from './rule-index.js';
import { loadDetections, type RuleSelection } from './rule-set.js';

export interface HuntMatcherOptions extends RuleSelection {
  /** Only records at or after / at or before these times (epoch ms). */
  since?: number | undefined;
  until?: number | undefined;
}

/**
 * What a scan worker sends back for one record: the rules that fired on it, and the slim record
 * when a stateful detection wants to see it (stateful detections run in the main thread, over
 * the whole stream).
 */
export interface HuntMatch {
  hit?: Hit | undefined;
  state?: CloudTrailRecord | undefined;
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
  window: { since?: number | undefined; until?: number | undefined } = {},
): RecordMatcher<HuntMatch> {
  const { since, until } = window;
  const timed = since !== undefined || until !== undefined;
  const statefulNames = stateful.every((d) => d.eventNames)
    ? new Set(stateful.flatMap((d) => [...(d.eventNames ?? [])].map((n) => n.toLowerCase())))
    : undefined;
  const wantsState = (eventName: string) =>
    stateful.length > 0 && (!statefulNames || statefulNames.has(eventName.toLowerCase()));
  return {
    needles: stateful.length ? undefined : index.needles,
    mightMatch: (peek: RecordPeek) => index.mightMatch(peek) || stateful.some((d) => d.mightMatch(peek)),
    match(record: CloudTrailRecord, _origin: RecordOrigin): HuntMatch | undefined {
      if (timed) {
        const t = Date.parse(record.eventTime);
        if ((since !== undefined && t < since) || (until !== undefined && t > until)) return undefined;
      }
      const fired = index.match(record);
      const state = wantsState(record.eventName) ? slimRecord(record) : undefined;
      if (!fired.length && !state) return undefined;
      return { hit: fired.length ? hitOf(record, fired) : undefined, state };
    },
  };
}

/** How scan workers build this matcher. */
export function huntMatcherSpec(options: HuntMatcherOptions): MatcherSpec {
  return { module: new URL('./matcher.js', import.meta.url).href, options };
}
