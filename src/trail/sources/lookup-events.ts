import {
  type CloudTrailClient,
  type LookupAttribute,
  paginateLookupEvents,
} from '@aws-sdk/client-cloudtrail';
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

/** What an events filter asks for that LookupEvents can narrow on the server side. */
export interface LookupNarrowing {
  eventName?: string | undefined;
  accessKey?: string | undefined;
  eventSource?: string | undefined;
}

/**
 * The one LookupAttribute (the API takes one) that narrows the read most, or undefined. LookupEvents
 * answers about 2 calls a second, so asking the server to filter saves minutes; the matcher still
 * checks every clause on what comes back. --principal is not pushed down: LookupEvents' Username
 * is the session name for roles, while the filter also matches the issuing role, so it could miss.
 */
export function lookupAttributeFor(want: LookupNarrowing): LookupAttribute | undefined {
  if (want.accessKey) return { AttributeKey: 'AccessKeyId', AttributeValue: want.accessKey };
  if (want.eventName) return { AttributeKey: 'EventName', AttributeValue: want.eventName };
  if (want.eventSource) return { AttributeKey: 'EventSource', AttributeValue: want.eventSource };
  return undefined;
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
  attribute?: LookupAttribute,
): AsyncGenerator<SourceItem> {
  const source = `cloudtrail:${region}`;
  async function* read(): AsyncGenerator<SourceItem> {
    let index = 0;
    const pages = paginateLookupEvents(
      { client },
      {
        StartTime: window.start,
        EndTime: window.end,
        MaxResults: 50,
        ...(attribute ? { LookupAttributes: [attribute] } : {}),
      },
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
