import { type Command, InvalidArgumentError, Option } from 'commander';
import { GarrisonError } from '../../errors.js';
import { type EventsFilterOptions, parseWhere } from '../../trail/filter.js';
import { eventsFilterSpec } from '../../trail/filter-spec.js';
import type { CloudTrailRecord } from '../../trail/record.js';
import { lookupAttributeFor } from '../../trail/sources/lookup-events.js';
import { readTrail } from '../../trail/sources/read-trail.js';
import { parseTime } from '../../trail/time.js';
import { awsClients } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { progressBar } from '../output/progress.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import { formatSummary, summaryJson } from '../output/summary.js';
import { RECORD_WRITER } from '../output/trail-columns.js';
import { createWriter, defaultFormat, OUTPUT_FORMATS, type OutputFormat } from '../output/writers.js';

interface EventsOptions {
  since?: string;
  until?: string;
  where?: string[];
  principal?: string;
  accessKey?: string;
  ip?: string;
  eventSource?: string;
  eventName?: string;
  errors?: boolean;
  account?: string[];
  regionFilter?: string[];
  format?: OutputFormat;
  output?: string;
  strict?: boolean;
  workers?: number;
}

const HELP = `
Sources: a file or folder (.json, .json.gz, recursive), - for stdin, s3://bucket/prefix,
cloudtrail:<region> (LookupEvents, last 90 days), logs:<group>[:<stream-prefix>] (CloudWatch Logs).
S3 keys in the delivered layout (AWSLogs/[o-org/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/)
are pruned by --since/--until (one day of margin), --account and --region-filter before any download;
local folders in that layout are pruned the same way. Records from cloudtrail: and logs: sources
are kept by recipientAccountId and awsRegion. For files outside the layout, filter records with
--where recipientAccountId=... or --where awsRegion=... . Records print in the order they are read.

Output: --format table on a terminal; otherwise NDJSON (one raw record per line), or chosen by the
--output file's extension (.csv, .json, .txt for a table). --format json prints one object:
  {"records":[...],"summary":{"files":N,"records":N,"matched":N,"rejected":N,"errors":[{"location":"...","reason":"..."}]}}
Table and CSV show attacker-controlled text (userAgent, userName, parameters) with control and
escape characters escaped; CSV cells that a spreadsheet would run as a formula start with '.
The summary and every rejected input (location and reason) go to stderr.

Examples:
  garrison events samples/ --event-name ConsoleLogin --errors
  garrison events s3://trail-bucket/AWSLogs/ --since 7d --account 111122223333 --region-filter us-east-1
  garrison events cloudtrail:eu-west-1 --principal alice --format csv --output alice.csv
  garrison events logs:aws-cloudtrail-logs-111122223333 --where userIdentity.type=Root --format json
  zcat trail.json.gz | garrison events - --where 'userAgent~kali' --ip 203.0.113.9

Exit status:
  0  all input was read (whether or not anything matched)
  1  fatal error: bad arguments, a source that cannot be opened, AWS refused, or bad input with --strict
  2  partial: some input was rejected (counted and listed in the summary)`;

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function listOf(pattern: RegExp, what: string) {
  return (value: string, previous: string[] = []): string[] => {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const item of items)
      if (!pattern.test(item)) throw new InvalidArgumentError(`not ${what}: ${JSON.stringify(item)}`);
    return [...previous, ...items];
  };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InvalidArgumentError('give a whole number from 1 to 256');
  return n;
}

export function registerEvents(program: Command): void {
  program
    .command('events')
    .summary('filter and print CloudTrail records (files, S3, LookupEvents, CloudWatch Logs, stdin)')
    .description(
      'Reads CloudTrail from every source given, keeps the records matching all filters and prints them.',
    )
    .argument('<source...>', 'where to read CloudTrail from (see below)')
    .option('--since <time>', 'only events at or after this time: ISO 8601 or relative (30m, 24h, 7d)')
    .option('--until <time>', 'only events at or before this time: ISO 8601 or relative')
    .option(
      '--where <clause>',
      'field=value, field!=value or field~text (contains); dotted paths; repeatable, all must hold',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--principal <who>', 'the caller: ARN, user name, principal id or role session issuer')
    .option('--access-key <id>', 'the access key id used (userIdentity.accessKeyId)')
    .option('--ip <address>', 'the source IP address (sourceIPAddress)')
    .option('--event-source <service>', 'the service, e.g. iam.amazonaws.com (or just iam)')
    .option('--event-name <name>', 'the API call, e.g. CreateAccessKey')
    .option('--errors', 'only calls that failed (an errorCode is set)')
    .option(
      '--account <id>',
      'only these 12-digit accounts (repeatable or comma-separated)',
      listOf(ACCOUNT, 'an account id'),
    )
    .option(
      '--region-filter <region>',
      'only these regions (repeatable or comma-separated)',
      listOf(REGION, 'a region'),
    )
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else ndjson)').choices(
        OUTPUT_FORMATS,
      ),
    )
    .option('--output <file>', 'write the records to this file instead of stdout')
    .option('--strict', 'stop at the first rejected input (exit 1) instead of counting it')
    .option('--workers <n>', 'decoding worker threads (default: one per CPU)', positiveInt)
    .addHelpText('after', HELP)
    .action(async (sources: string[], options: EventsOptions, command: Command) => {
      await runEvents(sources, options, command);
    });
}

/** The filter the options ask for; times are resolved against `now`. */
export function eventsFilter(options: EventsOptions, now: number): EventsFilterOptions {
  const since = options.since === undefined ? undefined : parseTime(options.since, now);
  const until = options.until === undefined ? undefined : parseTime(options.until, now);
  if (since !== undefined && until !== undefined && since > until) {
    throw new GarrisonError(
      'usage',
      `--since (${new Date(since).toISOString()}) is after --until (${new Date(until).toISOString()})`,
    );
  }
  const filter: EventsFilterOptions = { where: (options.where ?? []).map(parseWhere) };
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  if (options.principal !== undefined) filter.principal = options.principal;
  if (options.accessKey !== undefined) filter.accessKey = options.accessKey;
  if (options.ip !== undefined) filter.ip = options.ip;
  if (options.eventSource !== undefined) {
    filter.eventSource = options.eventSource.includes('.')
      ? options.eventSource
      : `${options.eventSource}.amazonaws.com`;
  }
  if (options.eventName !== undefined) filter.eventName = options.eventName;
  if (options.errors) filter.errorsOnly = true;
  return filter;
}

/** Narrows cloudtrail: sources on the server with one exact clause (the filter still checks all). */
function lookupNarrowing(filter: EventsFilterOptions) {
  const attribute = lookupAttributeFor(filter);
  return attribute ? { lookupAttribute: attribute } : {};
}

async function runEvents(sources: string[], options: EventsOptions, command: Command): Promise<void> {
  const filter = eventsFilter(options, Date.now());
  const scope = {
    since: filter.since === undefined ? undefined : new Date(Number(filter.since)),
    until: filter.until === undefined ? undefined : new Date(Number(filter.until)),
    accounts: options.account ?? [],
    regions: options.regionFilter ?? [],
  };
  const bar = progressBar();
  const run = readTrail<CloudTrailRecord>(sources, {
    matcher: eventsFilterSpec(filter),
    scope,
    clients: awsClients(command),
    ...(options.workers ? { workers: options.workers } : {}),
    ...(options.strict ? { strict: true } : {}),
    onProgress: (p) => bar.update(p),
    ...lookupNarrowing(filter),
  });
  const sink: OutputSink = options.output ? await fileSink(options.output) : streamSink(process.stdout);
  const format = options.format ?? defaultFormat(sink, options.output);
  const writer = createWriter(format, sink, RECORD_WRITER);
  try {
    for await (const event of run) {
      if (event.kind === 'match') await writer.write({ record: event.value, origin: event.origin });
    }
    bar.stop();
    await writer.end(summaryJson(run.summary));
    await sink.close();
  } catch (error) {
    bar.stop();
    if ((error as { code?: string }).code === 'EPIPE') return; // the reader went away (| head): not an error
    process.stderr.write(formatSummary('events (stopped)', run.summary, run.summary.notices));
    await sink.close().catch(() => {});
    throw error;
  }
  process.stderr.write(formatSummary('events', run.summary, run.summary.notices));
  if (run.summary.rejected > 0) raiseExitCode(ExitCode.partial);
}
