import { compileFilterPattern, type FilterPattern } from '../filter-pattern/index.js';
import { ALARM_TEST_EVENTS } from './events/index.js';
import { CIS_FILTER_IDS, type CisFilterId } from './patterns.js';

/**
 * The CIS alarms a filter pattern stands in for: those whose every positive test event it matches.
 * This is how garrison decides that an account's own filter (written differently, with extra
 * event names or spacing) does the job of a CIS filter, without comparing text.
 */
export function cisCoverage(pattern: string | FilterPattern): CisFilterId[] {
  const compiled = typeof pattern === 'string' ? compileFilterPattern(pattern) : pattern;
  return CIS_FILTER_IDS.filter((id) => {
    const positives = ALARM_TEST_EVENTS.filter((e) => e.raises.includes(id));
    return positives.length > 0 && positives.every((e) => compiled.matches(e.record));
  });
}
