import type { CloudTrailRecord, RecordOrigin } from '../../trail/record.js';
import type { MatcherSpec, RecordMatcher, RecordPeek } from '../../trail/scan/types.js';
import { type Hit, hitOf } from './hit.js';
import { RuleIndex } from './rule-index.js';
import { loadRules, type RuleSelection } from './rule-set.js';

/**
 * The hunt's matcher, built inside each scan worker from a RuleSelection: rules indexed by
 * eventName, needles and a raw-record peek so records no rule can match are never parsed.
 */
export async function createMatcher(options: unknown): Promise<RecordMatcher<Hit>> {
  const rules = await loadRules((options ?? {}) as RuleSelection);
  return matcherFor(new RuleIndex(rules));
}

export function matcherFor(index: RuleIndex): RecordMatcher<Hit> {
  return {
    needles: index.needles,
    mightMatch: (peek: RecordPeek) => index.mightMatch(peek),
    match(record: CloudTrailRecord, _origin: RecordOrigin): Hit | undefined {
      const fired = index.match(record);
      return fired.length ? hitOf(record, fired) : undefined;
    },
  };
}

/** How scan workers build this matcher. */
export function huntMatcherSpec(selection: RuleSelection): MatcherSpec {
  return { module: new URL('./matcher.js', import.meta.url).href, options: selection };
}
