import type { CloudTrailRecord } from '../../trail/record.js';
import { cisCoverage } from '../cis/coverage.js';
import type { CisFilterId } from '../cis/patterns.js';
import { compileFilterPattern, type FilterPattern } from '../filter-pattern/index.js';
import type { AlarmFilter } from './filters.js';

/** A CloudTrail event to put through the filters; `expected` when it is a test event that knows its alarms. */
export interface AlarmTestInput {
  name: string;
  record: CloudTrailRecord;
  expected?: readonly CisFilterId[];
  /** The detection this event is an attack for (a positive event of the detection pack). */
  attack?: string;
}

export interface FilterVerdict {
  name: string;
  logGroup: string;
  pattern: string;
  alarms: string[];
  /** Events this filter counted. */
  matched: number;
  /** CIS alarms this filter stands in for (it matches all their positive test events). */
  covers: CisFilterId[];
  /** Why CloudWatch Logs' pattern could not be evaluated (garrison does not support it, or it is invalid). */
  error?: string;
}

export interface EventVerdict {
  name: string;
  /** The detection this event is an attack for, when it comes from the detection pack. */
  attack?: string;
  /** Filters that would count this event. */
  filters: string[];
  /** Alarms that would fire (alarms on the metrics of those filters). */
  alarms: string[];
  expected?: CisFilterId[];
  /** Expected CIS alarms that no matching filter with an alarm stands in for: the attack would go unseen. */
  missed?: CisFilterId[];
  /** Filters that matched although they stand in for none of the expected alarms (noise on a near miss). */
  unexpected?: string[];
}

export interface AlarmTestReport {
  filters: FilterVerdict[];
  events: EventVerdict[];
  /** Events that would raise no alarm at all. */
  silent: number;
  /** Test events whose outcome differs from what they expect (missed or unexpected alarms). */
  failures: number;
}

/** Puts every event through every metric filter, as CloudWatch Logs would, and says which alarms fire. */
export function testAlarmFilters(
  filters: readonly AlarmFilter[],
  inputs: Iterable<AlarmTestInput>,
): AlarmTestReport {
  const compiled: { filter: AlarmFilter; pattern?: FilterPattern; verdict: FilterVerdict }[] = filters.map(
    (filter) => {
      const verdict: FilterVerdict = { ...filter, alarms: [...filter.alarms], matched: 0, covers: [] };
      try {
        const pattern = compileFilterPattern(filter.pattern);
        verdict.covers = cisCoverage(pattern);
        return { filter, pattern, verdict };
      } catch (error) {
        verdict.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
        return { filter, verdict };
      }
    },
  );
  const events: EventVerdict[] = [];
  let silent = 0;
  let failures = 0;
  for (const input of inputs) {
    const hits = compiled.filter((c) => c.pattern?.matches(input.record));
    for (const hit of hits) hit.verdict.matched++;
    const verdict: EventVerdict = {
      name: input.name,
      ...(input.attack ? { attack: input.attack } : {}),
      filters: hits.map((h) => h.filter.name),
      alarms: [...new Set(hits.flatMap((h) => h.filter.alarms))],
    };
    if (verdict.alarms.length === 0) silent++;
    if (input.expected) {
      const expected = [...input.expected];
      verdict.expected = expected;
      verdict.missed = expected.filter(
        (id) => !hits.some((h) => h.filter.alarms.length > 0 && h.verdict.covers.includes(id)),
      );
      verdict.unexpected = hits
        .filter((h) => !h.verdict.covers.some((id) => expected.includes(id)))
        .map((h) => h.filter.name);
      if (verdict.missed.length > 0 || verdict.unexpected.length > 0) failures++;
    }
    events.push(verdict);
  }
  return { filters: compiled.map((c) => c.verdict), events, silent, failures };
}
