import type { CloudTrailRecord, RecordOrigin } from '../../trail/record.js';
import type { MatcherSpec, RecordMatcher, RecordPeek } from '../../trail/scan/types.js';
import { type Hit, hitOf } from './hit.js';
import { RuleIndex } from './rule-index.js';
import { loadRules, type RuleSelection } from './rule-set.js';

/**
 * The hunt's matcher, built inside each scan worker from a RuleSelection: rules indexed by
 * eventName, needles and a raw-record peek so records no rule can match are never parsed.
 */
export interface HuntMatcherOptions extends RuleSelection {
  /** Only records at or after / at or before these times (epoch ms). */
  since?: number | undefined;
  until?: number | undefined;
}

export async function createMatcher(options: unknown): Promise<RecordMatcher<Hit>> {
  const o = (options ?? {}) as HuntMatcherOptions;
  return matcherFor(new RuleIndex(await loadRules(o)), o);
}

export function matcherFor(
  index: RuleIndex,
  window: { since?: number | undefined; until?: number | undefined } = {},
): RecordMatcher<Hit> {
  const { since, until } = window;
  const timed = since !== undefined || until !== undefined;
  return {
    needles: index.needles,
    mightMatch: (peek: RecordPeek) => index.mightMatch(peek),
    match(record: CloudTrailRecord, _origin: RecordOrigin): Hit | undefined {
      if (timed) {
        const t = Date.parse(record.eventTime);
        if ((since !== undefined && t < since) || (until !== undefined && t > until)) return undefined;
      }
      const fired = index.match(record);
      return fired.length ? hitOf(record, fired) : undefined;
    },
  };
}

/** How scan workers build this matcher. */
export function huntMatcherSpec(selection: HuntMatcherOptions): MatcherSpec {
  return { module: new URL('./matcher.js', import.meta.url).href, options: selection };
}
