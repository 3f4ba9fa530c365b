import { type CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsLocation } from './locations.js';
import { guardApiSource, parseRecordText, type SourceItem } from './record-stream.js';

export { type LogsLocation, parseLogsSpec } from './locations.js';

/**
 * The CloudTrail records CloudTrail delivered to a log group, one per log event, between since
 * and until (the events' timestamps). A message that is not a CloudTrail record is rejected with
 * `logs:<group>/<stream>#<eventId>` as its location.
 */
export function logGroupRecords(
  client: CloudWatchLogsClient,
  location: LogsLocation,
  since?: Date,
  until?: Date,
): AsyncGenerator<SourceItem> {
  const source = `logs:${location.group}`;
  async function* read(): AsyncGenerator<SourceItem> {
    const perStream = new Map<string, number>();
    const pages = paginateFilterLogEvents(
      { client },
      {
        logGroupName: location.group,
        ...(location.streamPrefix ? { logStreamNamePrefix: location.streamPrefix } : {}),
        ...(since ? { startTime: since.getTime() } : {}),
        ...(until ? { endTime: until.getTime() } : {}),
      },
    );
    for await (const page of pages) {
      for (const event of page.events ?? []) {
        const stream = event.logStreamName ?? '?';
        // AWS applies logStreamNamePrefix; some emulators ignore it, so it is checked here too.
        if (location.streamPrefix && !stream.startsWith(location.streamPrefix)) continue;
        const index = perStream.get(stream) ?? 0;
        perStream.set(stream, index + 1);
        const origin = { source: `${source}/${stream}`, index };
        yield parseRecordText(event.message, origin, `${source}/${stream}#${event.eventId ?? index}`);
      }
    }
  }
  return guardApiSource(
    source,
    read(),
    `check the log group name and that you may logs:FilterLogEvents on it`,
  );
}
