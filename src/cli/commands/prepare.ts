import { type Command, Option } from 'commander';
import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';
import { defaultTestEvents } from '../../prepare/alarm-test/default-events.js';
import {
  type AlarmFilterSet,
  accountAlarmFilters,
  builtinAlarmFilters,
} from '../../prepare/alarm-test/filters.js';
import { type AlarmTestInput, type EventVerdict, testAlarmFilters } from '../../prepare/alarm-test/run.js';
import { alarmTestSummary, eventOutcome } from '../../prepare/alarm-test/summary.js';
import { readTrailEvents } from '../../prepare/alarm-test/trail-events.js';
import { auditReadiness } from '../../prepare/audit.js';
import { accountTable, problems, regionTable, statusCounts } from '../../prepare/audit-table.js';
import { checkCatalog, checkCatalogMarkdown } from '../../prepare/checks/catalog.js';
import type { Rejection } from '../../trail/record.js';
import { awsClients } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import type { OutputSink } from '../output/sink.js';
import { tableWriter } from '../output/table.js';
import { registerPrepareApply } from './prepare-apply.js';

/** Where the prepare commands write: stdout for results, stderr for the human summary. */
export interface PrepareIo {
  out(text: string): void;
  err(text: string): void;
  isTerminal: boolean;
}

const processIo: PrepareIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTerminal: Boolean(process.stdout.isTTY),
};

const formatOption = () =>
  new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
    'table',
    'json',
  ]);

function chosenFormat(format: string | undefined, io: PrepareIo): 'table' | 'json' {
  if (format === 'table' || format === 'json') return format;
  return io.isTerminal ? 'table' : 'json';
}

function lines(write: (text: string) => void, text: readonly string[]): void {
  for (const line of text) write(`${forTerminal(line)}\n`);
}

export interface TestFiltersOptions {
  builtin?: boolean;
  format?: string;
}

/** `prepare test-filters`: the exit status it ends with (3 a test event misbehaved, 2 partial input). */
export async function runTestFilters(
  clients: AwsClients,
  sources: string[],
  options: TestFiltersOptions,
  io: PrepareIo = processIo,
): Promise<ExitCode> {
  let set: AlarmFilterSet;
  try {
    set = options.builtin ? builtinAlarmFilters() : await accountAlarmFilters(clients);
  } catch (error) {
    if (error instanceof GarrisonError) throw error;
    throw new GarrisonError('aws', `cannot read the account's metric filters: ${(error as Error).message}`, {
      cause: error,
      hint: 'use --builtin to test the built-in CIS filters without AWS',
    });
  }
  let inputs: AlarmTestInput[];
  let rejections: Rejection[] = [];
  let notices: string[] = [];
  if (sources.length === 0) {
    ({ events: inputs, notices } = await defaultTestEvents());
  } else {
    ({ events: inputs, rejections, notices } = await readTrailEvents(sources, clients));
  }
  const report = testAlarmFilters(set.filters, inputs);
  if (chosenFormat(options.format, io) === 'json') {
    const summary = { events: report.events.length, silent: report.silent, failures: report.failures };
    const { filters, events } = report;
    io.out(`${safeJson({ origin: set.origin, note: set.note, filters, events, rejections, summary }, 2)}\n`);
  } else {
    const sink: OutputSink = {
      isTerminal: io.isTerminal,
      write: async (t) => io.out(t),
      close: async () => {},
    };
    const table = tableWriter<EventVerdict>(sink, [
      { header: 'event', width: 64, value: (e) => e.name },
      { header: 'filters matched', width: 48, value: (e) => e.filters.join(', ') },
      { header: 'result', value: eventOutcome },
    ]);
    for (const e of report.events) await table.write(e);
    await table.end(undefined);
  }
  lines(io.err, [...notices, ...alarmTestSummary(set, report, rejections)]);
  if (report.failures > 0) return ExitCode.findings;
  if (rejections.length > 0 || report.filters.some((f) => f.error)) return ExitCode.partial;
  return ExitCode.ok;
}

export interface AuditOptions {
  format?: string;
  failUnder?: number;
  regions?: string[];
  evidenceBucket?: string;
  responderRole?: string;
}

function percent(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 100) {
    throw new GarrisonError(
      'usage',
      `--fail-under takes a whole number from 0 to 100, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** `prepare audit`: the exit status it ends with (3 below --fail-under, 2 some check could not be read). */
export async function runAudit(
  clients: AwsClients,
  options: AuditOptions,
  io: PrepareIo = processIo,
): Promise<ExitCode> {
  const { evidenceBucket, responderRole, regions } = options;
  const report = await auditReadiness(clients, { regions, evidenceBucket, responderRole });
  const counts = statusCounts(report);
  if (chosenFormat(options.format, io) === 'json') {
    io.out(`${safeJson({ score: report.score, checks: report.checks })}\n`);
  } else {
    lines(io.out, accountTable(report));
    const regional = regionTable(report);
    if (regional.length > 0) lines(io.out, ['', ...regional]);
    lines(io.err, ['', ...problems(report)]);
  }
  const { accountId, regions: audited } = report.snapshot;
  lines(io.err, [
    `readiness score ${report.score}/100 for account ${accountId} over ${audited.length} region(s): ` +
      `${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, ${counts.not_applicable} not applicable`,
  ]);
  if (options.failUnder !== undefined && report.score < options.failUnder) return ExitCode.findings;
  return counts.error > 0 ? ExitCode.partial : ExitCode.ok;
}

const AUDIT_HELP = `
Examples:
  garrison prepare audit                                   table on a terminal, JSON otherwise
  garrison prepare audit --format json --fail-under 80     gate a pipeline on the score
  garrison --role-arn arn:aws:iam::210987654321:role/audit prepare audit --regions us-east-1,eu-west-1

The score is the severity-weighted share of passing answers (high 3, medium 2, low 1); checks that
could not be read (error) and those that do not apply are not scored.
Exit status: 3 when the score is below --fail-under; 2 when some check could not be read (error).`;

const TEST_FILTERS_HELP = `
Examples:
  garrison prepare test-filters --builtin                   prove the 15 CIS filters on garrison's test events
  garrison prepare test-filters                             the account's own filters on the same events
  garrison prepare test-filters --builtin trail/*.json.gz   which alarms these records would raise
  garrison prepare test-filters s3://org-trail/AWSLogs/   the account's filters over delivered logs

Exit status: 3 when a test event misses an alarm it should raise or raises one it should not;
2 when a filter cannot be evaluated or some input was rejected.`;

export function registerPrepare(program: Command): void {
  const prepare = program
    .command('prepare')
    .description('Preparation: audit an account for incident readiness and prove its alarms fire.');
  prepare
    .command('audit')
    .description(
      'Read-only readiness audit: CloudTrail, CIS alarms, GuardDuty and containment, every enabled region.',
    )
    .addOption(formatOption())
    .option('--fail-under <score>', 'exit 3 when the score is below this (0-100)', percent)
    .option(
      '--regions <list>',
      'audit only these regions (comma-separated; default: every enabled region)',
      (v: string) =>
        v
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
    )
    .option(
      '--evidence-bucket <name>',
      'the forensic evidence bucket (default: buckets named forensic/evidence)',
    )
    .option(
      '--responder-role <name>',
      'the responder role (default: roles named responder/incident-response/forensic)',
    )
    .addHelpText('after', AUDIT_HELP)
    .action(async (options: AuditOptions, command: Command) => {
      raiseExitCode(await runAudit(awsClients(command), options));
    });
  prepare
    .command('checks')
    .description(
      'List the readiness checks: id, severity, why each matters during an incident, the fix, related controls.',
    )
    .addOption(
      new Option('--format <format>', 'output format (default: table)').choices([
        'table',
        'json',
        'markdown',
      ]),
    )
    .action((options: { format?: string }) => {
      if (options.format === 'json') process.stdout.write(`${safeJson(checkCatalog(), 2)}\n`);
      else if (options.format === 'markdown') process.stdout.write(checkCatalogMarkdown());
      else
        lines(
          processIo.out,
          checkCatalog().map(
            (c) => `${c.id.padEnd(34)} ${c.severity.padEnd(6)} ${c.scope.padEnd(10)} ${c.title}`,
          ),
        );
    });
  prepare
    .command('test-filters')
    .description(
      "Run every metric filter of the account's trail log group (or the built-in CIS set) over CloudTrail events and show which alarm each would raise.",
    )
    .argument(
      '[source...]',
      'CloudTrail sources: files, folders, -, s3://bucket/prefix, cloudtrail:<region>, logs:<group> (default: the alarm test events and the detection pack events)',
    )
    .option('--builtin', 'use the built-in CIS filters (also used when the account has none)')
    .addOption(formatOption())
    .addHelpText('after', TEST_FILTERS_HELP)
    .action(async (sources: string[], options: TestFiltersOptions, command: Command) => {
      raiseExitCode(await runTestFilters(awsClients(command), sources, options));
    });
  registerPrepareApply(prepare);
}
