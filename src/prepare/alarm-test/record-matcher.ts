import type { CloudTrailRecord } from '../../trail/record.js';
import type { MatcherSpec, RecordMatcher } from '../../trail/scan/types.js';

/**
 * The scanner matcher for `prepare test-filters`: every valid record comes back, because the
 * question is which alarms each event raises, including the events that raise none.
 */
export function createMatcher(): RecordMatcher<CloudTrailRecord> {
  return { match: (record) => record };
}

export function everyRecordMatcher(): MatcherSpec {
  return { module: new URL('./record-matcher.js', import.meta.url).href, options: {} };
}
