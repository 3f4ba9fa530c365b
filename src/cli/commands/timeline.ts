import { type Command, Option } from 'commander';
import { loadDetector } from '../../investigate/detections.js';
import { type LogGap, logGaps, type TimelineEntry, timelineEntries } from '../../investigate/timeline.js';
import { safeJson } from '../output/neutralise.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import { type Column, createWriter } from '../output/writers.js';
import { gatherFor, type SelectionOptions, selectionFlags } from './selection-options.js';

interface TimelineOptions extends SelectionOptions {
  format?: 'table' | 'json' | 'csv';
  output?: string;
}

/** A timeline row: a call, or a stretch of hours with no records at all in a region. */
export type TimelineRow = { kind: 'event'; entry: TimelineEntry } | { kind: 'gap'; gap: LogGap };

const detections = (e: TimelineEntry) => e.detections.map((d) => `${d.id} (${d.severity})`).join(' ');
const shortDetections = (e: TimelineEntry) =>
  e.detections.map((d) => `${d.id.replace(/^garrison-aws-/, '')} (${d.severity})`).join(', ');
const gapText = (g: LogGap) => `LOG GAP: no records in ${g.region} for ${g.hours} h, until ${g.to}`;

function cell<T>(row: TimelineRow, event: (e: TimelineEntry) => T, gap?: (g: LogGap) => T): T | undefined {
  return row.kind === 'event' ? event(row.entry) : gap?.(row.gap);
}

export const TIMELINE_TABLE: readonly Column<TimelineRow>[] = [
  {
    header: 'time',
    width: 20,
    value: (r) =>
      cell(
        r,
        (e) => e.time,
        (g) => g.from,
      ),
  },
  { header: 'identity', width: 40, keep: 'end', value: (r) => cell(r, (e) => e.identity) },
  { header: 'source ip', width: 15, value: (r) => cell(r, (e) => e.sourceIp) },
  {
    header: 'event',
    width: 32,
    value: (r) =>
      cell(
        r,
        (e) => e.event,
        () => '-- LOG GAP --',
      ),
  },
  {
    header: 'region',
    width: 12,
    value: (r) =>
      cell(
        r,
        (e) => e.region,
        (g) => g.region,
      ),
  },
  { header: 'error', width: 14, value: (r) => cell(r, (e) => e.errorCode) },
  { header: 'detections', value: (r) => cell(r, shortDetections, gapText) },
];

export const TIMELINE_CSV: readonly Column<TimelineRow>[] = [
  { header: 'kind', value: (r) => r.kind },
  {
    header: 'time',
    value: (r) =>
      cell(
        r,
        (e) => e.time,
        (g) => g.from,
      ),
  },
  { header: 'identity', value: (r) => cell(r, (e) => e.identity) },
  { header: 'accessKeyId', value: (r) => cell(r, (e) => e.accessKeyId) },
  { header: 'chainDepth', value: (r) => cell(r, (e) => e.chainDepth) },
  { header: 'sourceIPAddress', value: (r) => cell(r, (e) => e.sourceIp) },
  { header: 'userAgent', value: (r) => cell(r, (e) => e.userAgent) },
  {
    header: 'region',
    value: (r) =>
      cell(
        r,
        (e) => e.region,
        (g) => g.region,
      ),
  },
  { header: 'account', value: (r) => cell(r, (e) => e.account) },
  { header: 'event', value: (r) => cell(r, (e) => e.event, gapText) },
  { header: 'resources', value: (r) => cell(r, (e) => e.resources.join(' ')) },
  { header: 'errorCode', value: (r) => cell(r, (e) => e.errorCode) },
  { header: 'errorMessage', value: (r) => cell(r, (e) => e.errorMessage) },
  { header: 'detections', value: (r) => cell(r, detections) },
  { header: 'eventID', value: (r) => cell(r, (e) => e.eventId) },
  {
    header: 'origin',
    value: (r) =>
      cell(
        r,
        (e) => e.origin,
        (g) => `until ${g.to}`,
      ),
  },
];

/** Events and the gaps that fall inside the timeline's span, in time order (a gap before the events of its hour). */
export function timelineRows(entries: readonly TimelineEntry[], gaps: readonly LogGap[]): TimelineRow[] {
  const first = entries[0]?.time;
  const last = entries.at(-1)?.time;
  const inside = gaps.filter(
    (g) => first !== undefined && last !== undefined && g.to > first && g.from < last,
  );
  const rows: TimelineRow[] = [
    ...entries.map((entry) => ({ kind: 'event' as const, entry })),
    ...inside.map((gap) => ({ kind: 'gap' as const, gap })),
  ];
  const at = (r: TimelineRow) => Date.parse(r.kind === 'event' ? r.entry.time : r.gap.from);
  return rows.sort((a, b) => at(a) - at(b) || (a.kind === 'gap' ? -1 : b.kind === 'gap' ? 1 : 0));
}

const HELP = `
Lists, in time order, every call of the selection across all sources: time, identity, access key,
source IP, user agent, region, event, resources, error and the detections that fired on it.
Credentials the selection issued (AssumeRole*, GetSessionToken, GetFederationToken, CreateAccessKey,
and users it created) are followed into later events unless --no-follow. Hours without a single
record in a region that has records before and after are shown as LOG GAP rows (json: "gaps").

Examples:
  garrison timeline samples/ --access-key ASIACUIDUOKQOEXAMPLE
  garrison timeline s3://trail-bucket/AWSLogs/ --ip 203.0.113.66 --since 7d --format csv --output t.csv
  garrison timeline samples/ --resource 111122223333-customer-exports --no-follow`;

export function registerTimeline(program: Command): void {
  const command = program
    .command('timeline')
    .summary(
      'the ordered activity of a principal, key, session, IP or resource, with detections and log gaps',
    )
    .argument('<source...>', 'where to read CloudTrail from (as for hunt)');
  selectionFlags(command, ['principals', 'accessKeys', 'sessions', 'ips', 'resources'])
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
        'table',
        'json',
        'csv',
      ]),
    )
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', HELP)
    .action(async (sources: string[], options: TimelineOptions, cmd: Command) => {
      const { selection, activity } = await gatherFor('timeline', sources, options, cmd);
      const entries = timelineEntries(
        activity.records,
        await loadDetector(
          {},
          activity.records.map((r) => r.record),
        ),
        activity.chain,
      );
      const gaps = logGaps(activity.hours);
      const sink: OutputSink = options.output ? await fileSink(options.output) : streamSink(process.stdout);
      const format = options.format ?? (sink.isTerminal && !options.output ? 'table' : 'json');
      const summary = {
        events: entries.length,
        gaps: gaps.length,
        keys_followed: activity.chain.keys.length,
        passes: activity.passes,
        records_read: activity.trail.records,
      };
      try {
        if (format === 'json') {
          await sink.write(
            `${safeJson({ selection, timeline: entries, gaps, chain: activity.chain, summary }, 1)}\n`,
          );
        } else {
          const writer = createWriter(format, sink, {
            tableColumns: TIMELINE_TABLE,
            csvColumns: TIMELINE_CSV,
            toJson: (r) => r,
            jsonKey: 'timeline',
          });
          for (const row of timelineRows(entries, gaps)) await writer.write(row);
          await writer.end(summary);
        }
        await sink.close();
      } catch (error) {
        if ((error as { code?: string }).code !== 'EPIPE') throw error;
      }
      process.stderr.write(
        `timeline: ${entries.length} events, ${activity.chain.keys.length} access keys followed, ${gaps.length} log gaps\n`,
      );
    });
}
