import { type CloudTrailClient, paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import { guardApiSource, parseRecordText, type SourceItem } from './record-stream.js';

/** LookupEvents only keeps the last 90 days of management events. */
export const LOOKUP_WINDOW_DAYS = 90;

export interface LookupWindow {
  start: Date;
  end: Date;
  /** Set when --since/--until reached outside the 90 days and were clamped: what to tell the user. */
  notice?: string;
}

/** The [start, end] to ask LookupEvents for: since/until clamped to the last 90 days before `now`. */
export function lookupWindow(since: Date | undefined, until: Date | undefined, now: Date): LookupWindow {
  const oldest = new Date(now.getTime() - LOOKUP_WINDOW_DAYS * 86_400_000);
  const start = since && since > oldest ? since : oldest;
  const end = until && until < now ? until : now;
  const window: LookupWindow = { start, end };
  if (since && since < oldest) {
    window.notice = `LookupEvents keeps only ${LOOKUP_WINDOW_DAYS} days: reading from ${oldest.toISOString()} instead of ${since.toISOString()} (read the trail's S3 bucket for older events)`;
  }
  return window;
}

/**
 * The management events of one region from CloudTrail LookupEvents (`cloudtrail:<region>`),
 * each the record embedded in its CloudTrailEvent JSON. A malformed CloudTrailEvent is rejected
 * with `cloudtrail:<region>#<EventId>` as its location.
 */
export function lookupEventRecords(
  client: CloudTrailClient,
  region: string,
  window: LookupWindow,
): AsyncGenerator<SourceItem> {
  const source = `cloudtrail:${region}`;
  async function* read(): AsyncGenerator<SourceItem> {
    let index = 0;
    const pages = paginateLookupEvents(
      { client },
      { StartTime: window.start, EndTime: window.end, MaxResults: 50 },
    );
    for await (const page of pages) {
      for (const event of page.Events ?? []) {
        const at = index++;
        yield parseRecordText(
          event.CloudTrailEvent,
          { source, index: at },
          `${source}#${event.EventId ?? at}`,
        );
      }
    }
  }
  return guardApiSource(
    source,
    read(),
    `check the region and that you may cloudtrail:LookupEvents in ${region}`,
  );
}
