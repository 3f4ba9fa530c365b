import type { CloudTrailRecord } from '../trail/record.js';
import type { MatcherSpec, RecordMatcher, RecordPeek } from '../trail/scan/types.js';
import { ISSUING_EVENTS } from './credentials.js';
import { mightSelect, type Selection, selects } from './selection.js';

export interface ActivityMatcherOptions {
  selection: Selection;
  /** Also return every call that issues credentials or creates a user (to follow credential chains). */
  issuance?: boolean;
  /** Count records per region and hour (for gaps in the logs), sent back at the end of each blob. */
  hours?: boolean;
  /** Return every record (for stdin, which cannot be read twice: the selection is then made in memory). */
  everything?: boolean;
  since?: number | undefined;
  until?: number | undefined;
}

export interface ActivityMatch {
  record: CloudTrailRecord;
  /** True when the record is in the selection (false: returned only as a credential issuance). */
  selected: boolean;
}

/** Records per `region\0YYYY-MM-DDTHH` hour, as sent at the end of a blob. */
export type HourTally = [string, number][];

const FOLLOWED = new Set([...ISSUING_EVENTS, 'CreateUser']);

/**
 * The scanner matcher of timeline, pivot and iocs: picks the selected records (and, on request,
 * the credential-issuing calls), and counts every record per region and hour, so gaps in the
 * logs can be told from quiet. No byte needles: every record is counted, only selected ones parsed.
 */
export function createMatcher(options: unknown): RecordMatcher<ActivityMatch> {
  const o = options as ActivityMatcherOptions;
  const tally = new Map<string, number>();
  let peeked = false;
  const count = (region: string | undefined, time: string | undefined) => {
    if (!o.hours || !time) return;
    const key = `${region ?? ''}\u0000${time.slice(0, 13)}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  };
  const inWindow = (time: number) =>
    !(o.since !== undefined && time < o.since) && !(o.until !== undefined && time > o.until);
  return {
    mightMatch(peek: RecordPeek): boolean {
      peeked = true;
      count(peek.field('awsRegion')[0], peek.field('eventTime')[0]);
      if (o.everything || mightSelect(peek, o.selection)) return true;
      return o.issuance === true && peek.field('eventName').some((n) => FOLLOWED.has(n));
    },
    match(record) {
      // Records from API sources skip mightMatch: count them here.
      if (!peeked) count(record.awsRegion, record.eventTime);
      peeked = false;
      const selected = inWindow(Date.parse(record.eventTime)) && selects(record, o.selection);
      // Credential issuance is returned whatever its time: a chain may start before the window.
      if (selected || o.everything || (o.issuance && FOLLOWED.has(record.eventName)))
        return { record, selected };
      return undefined;
    },
    endOfBlob(): HourTally | undefined {
      if (tally.size === 0) return undefined;
      const out = [...tally];
      tally.clear();
      return out;
    },
  };
}

export function activityMatcherSpec(options: ActivityMatcherOptions): MatcherSpec {
  return { module: new URL('./activity-matcher.js', import.meta.url).href, options };
}
