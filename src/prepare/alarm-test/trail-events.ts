import type { AwsClients } from '../../aws/clients.js';
import type { CloudTrailRecord, Rejection } from '../../trail/record.js';
import { readTrail } from '../../trail/sources/read-trail.js';
import { everyRecordMatcher } from './record-matcher.js';
import type { AlarmTestInput } from './run.js';

/** At most this many events are put through the filters in one run (the verdicts are kept in memory). */
export const MAX_TEST_EVENTS = 200_000;

/**
 * CloudTrail records from any source garrison reads (files, folders, `-`, `s3://`, `cloudtrail:`,
 * `logs:`), named by where they came from. Rejected input is returned, never dropped silently.
 */
export async function readTrailEvents(
  sources: readonly string[],
  clients: AwsClients,
  limit = MAX_TEST_EVENTS,
): Promise<{ events: AlarmTestInput[]; rejections: Rejection[]; notices: string[] }> {
  const run = readTrail<CloudTrailRecord>(sources, { matcher: everyRecordMatcher(), clients, workers: 1 });
  const events: AlarmTestInput[] = [];
  const rejections: Rejection[] = [];
  let truncated = false;
  for await (const event of run) {
    if (event.kind === 'rejected') rejections.push(event.rejection);
    if (event.kind !== 'match') continue;
    if (events.length >= limit) {
      truncated = true;
      break;
    }
    events.push({ name: `${event.origin.source}#${event.origin.index}`, record: event.value });
  }
  const notices = [...run.summary.notices];
  if (truncated) notices.push(`only the first ${limit} events were tested`);
  return { events, rejections, notices };
}
