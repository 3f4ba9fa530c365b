import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';
import type { CloudTrailRecord } from '../record.js';
import type { CreateMatcher, MatcherSpec, RecordMatcher, ScanEvent } from '../scan/types.js';
import { logGroupRecords } from './cloudwatch-logs.js';
import type { TrailScope } from './delivery-layout.js';
import { lookupEventRecords, lookupWindow } from './lookup-events.js';
import type { ReadTrailOptions, TrailSummary } from './read-trail.js';
import { keepErrors, type SourceItem } from './record-stream.js';
import type { SourceSpec } from './source-spec.js';

const PROGRESS_EVERY = 500;

/** Builds in this thread the matcher the scanner's workers build from the same spec. */
export async function loadMatcher(spec: MatcherSpec): Promise<RecordMatcher> {
  const module = (await import(spec.module)) as { createMatcher?: CreateMatcher };
  if (typeof module.createMatcher !== 'function') {
    throw new GarrisonError('internal', `matcher module ${spec.module} exports no createMatcher`);
  }
  return module.createMatcher(spec.options);
}

/** API records carry their account and region; keep those in --account / --region-filter. */
export function recordInScope(record: CloudTrailRecord, scope: TrailScope): boolean {
  const account = record.recipientAccountId ?? record.userIdentity?.accountId;
  if (scope.accounts?.length && !(account && scope.accounts.includes(account))) return false;
  if (scope.regions?.length && !(record.awsRegion && scope.regions.includes(record.awsRegion))) return false;
  return true;
}

function itemsOf(
  spec: SourceSpec,
  clients: AwsClients,
  options: ReadTrailOptions,
  summary: TrailSummary,
): AsyncIterable<SourceItem> {
  const scope = options.scope ?? {};
  if (spec.kind === 'lookup') {
    const window = lookupWindow(scope.since, scope.until, options.now ?? new Date());
    if (window.notice) summary.notices.push(window.notice);
    return lookupEventRecords(
      clients.client(CloudTrailClient, spec.region),
      spec.region,
      window,
      options.lookupAttribute,
    );
  }
  if (spec.kind === 'logs') {
    return logGroupRecords(clients.client(CloudWatchLogsClient), spec.location, scope.since, scope.until);
  }
  throw new GarrisonError('internal', `not an API source: ${spec.spec}`);
}

/**
 * One API source (LookupEvents, CloudWatch Logs) as scan events: each record checked against the
 * scope and the matcher here, rejections counted in the summary, one blob-done at the end.
 */
export async function* apiSourceEvents(
  spec: SourceSpec,
  clients: AwsClients,
  options: ReadTrailOptions,
  summary: TrailSummary,
  known: { files: number; bytes: number },
): AsyncGenerator<ScanEvent> {
  const matcher = await loadMatcher(options.matcher);
  const scope = options.scope ?? {};
  const progress = () =>
    options.onProgress?.({
      files: summary.files,
      filesKnown: known.files,
      bytesIn: summary.bytesIn,
      bytesKnown: known.bytes,
      records: summary.records,
      matched: summary.matched,
      rejected: summary.rejected,
    });
  known.files++;
  let records = 0;
  for await (const item of itemsOf(spec, clients, options, summary)) {
    if (item.kind === 'rejected') {
      summary.rejected++;
      keepErrors(summary.errors, [item.rejection], options.maxErrors);
      if (options.strict) {
        const { location, reason } = item.rejection;
        throw new GarrisonError('input', `${location}: ${reason}`, {
          hint: 'without --strict, bad input is counted and skipped',
        });
      }
      yield item;
      continue;
    }
    records++;
    summary.records++;
    if (records % PROGRESS_EVERY === 0) progress();
    if (!recordInScope(item.record, scope)) continue;
    const value = matcher.match(item.record, item.origin);
    if (value === undefined) continue;
    summary.matched++;
    yield { kind: 'match', value, origin: item.origin };
  }
  summary.files++;
  const done: ScanEvent = { kind: 'blob-done', location: spec.spec, bytesIn: 0, bytesOut: 0, records };
  const aggregate = matcher.endOfBlob?.(spec.spec);
  if (aggregate !== undefined) done.aggregate = aggregate;
  progress();
  yield done;
}
