import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CaseStore } from '../../cases/store.js';
import { SEVERITIES, type Severity } from '../../detect/engine/detection.js';
import { hunt } from '../../detect/engine/hunt.js';
import { GarrisonError } from '../../errors.js';
import { toAsff } from '../../findings/asff.js';
import { anyAtOrAbove, type FindingsSummary } from '../../findings/finding.js';
import { FINDING_FORMATS, type FindingFormat, writeFindings } from '../../findings/write.js';
import { parseTime } from '../../trail/time.js';
import { openCaseStore } from '../case-store.js';
import { awsClients, globalOptions } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal } from '../output/neutralise.js';
import { progressBar } from '../output/progress.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import { formatSummary } from '../output/summary.js';
import { collect, type RuleOptions, ruleOptions, selectionOf } from './rule-options.js';

interface HuntOptions extends RuleOptions {
  since?: string;
  until?: string;
  account?: string[];
  regionFilter?: string[];
  window: number;
  format?: FindingFormat;
  output?: string;
  failOn?: Severity;
  toSecurityHub?: boolean;
  strict?: boolean;
  workers?: number;
  case?: string;
}

const HELP = `
Runs garrison's built-in detection pack (and the Sigma rules of every --rules folder) over
CloudTrail and reports findings: one per rule × principal × resource, merging events less than
--window minutes apart, with count, first and last seen, source IPs and the event ids behind it
(the first 100, and whether there were more).

Sources: a file or folder (.json, .json.gz), - for stdin, s3://bucket/prefix, cloudtrail:<region>
(LookupEvents), logs:<group>[:<stream-prefix>].

Formats: table (default on a terminal), json ({"findings":[...],"summary":{...}}), ndjson, csv,
ocsf (OCSF 1.1 Detection Findings, class 2004), asff ({"Findings":[...]} for Security Hub
BatchImportFindings). --to-security-hub imports the ASFF findings into Security Hub in --region.

Examples:
  garrison hunt samples/
  garrison hunt s3://trail-bucket/AWSLogs/ --since 7d --fail-on high --format json
  garrison hunt trail/ --rules ./sigma-rules --only high,critical --exclude garrison-aws-console-login-failed
  garrison hunt cloudtrail:eu-west-1 --format asff --to-security-hub --region eu-west-1
  garrison hunt samples/ --case case-20261119-abcd

Exit status:
  0  hunted everything (whether or not anything fired)
  1  error: bad arguments, a rule that cannot be loaded, a source that cannot be opened
  2  partial: some input was rejected (listed in the summary)
  3  a finding at or above --fail-on`;

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 60 * 24 * 30)
    throw new InvalidArgumentError('give minutes from 1 to 43200');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InvalidArgumentError('give a whole number from 1 to 256');
  return n;
}

export function registerHunt(program: Command): void {
  const command = program
    .command('hunt')
    .summary('run the detection pack and Sigma rules over CloudTrail and report findings')
    .description(
      'Hunts CloudTrail with the built-in detections and your Sigma rules, and groups what fires into findings.',
    )
    .argument('<source...>', 'where to read CloudTrail from (see below)');
  ruleOptions(command)
    .option('--since <time>', 'only events at or after this time: ISO 8601 or relative (30m, 24h, 7d)')
    .option('--until <time>', 'only events at or before this time')
    .option(
      '--account <id>',
      'only read these accounts of an S3 trail (repeatable or comma-separated)',
      collect,
    )
    .option(
      '--region-filter <region>',
      'only read these regions of an S3 trail (repeatable or comma-separated)',
      collect,
    )
    .option(
      '--window <minutes>',
      'events of one rule, principal and resource closer than this make one finding',
      minutes,
      60,
    )
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(
        FINDING_FORMATS,
      ),
    )
    .option('--output <file>', 'write the findings to this file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 3 when a finding at or above this severity exists').choices(
        SEVERITIES,
      ),
    )
    .option(
      '--to-security-hub',
      'also import the findings into AWS Security Hub (BatchImportFindings) in --region',
    )
    .option('--strict', 'stop at the first rejected input (exit 1) instead of counting it')
    .option('--workers <n>', 'decoding worker threads (default: one per CPU)', positiveInt)
    .option('--case <id>', 'attach the findings to this case (a finding seen before is updated, not copied)')
    .addHelpText('after', HELP)
    .action(async (sources: string[], options: HuntOptions, cmd: Command) => {
      await runHunt(sources, options, cmd);
    });
}

async function runHunt(sources: string[], options: HuntOptions, command: Command): Promise<void> {
  const now = Date.now();
  const since = options.since === undefined ? undefined : parseTime(options.since, now);
  const until = options.until === undefined ? undefined : parseTime(options.until, now);
  if (since !== undefined && until !== undefined && since > until)
    throw new GarrisonError('usage', '--since is after --until');
  const clients = awsClients(command);
  // A case that does not exist fails before the hunt, not after it.
  if (options.case) withCaseStore(command, (store) => store.cases.get(options.case as string));
  const bar = progressBar();
  const result = await hunt(sources, {
    selection: { ...selectionOf(options), since, until },
    windowMinutes: options.window,
    clients,
    scope: {
      since: since === undefined ? undefined : new Date(since),
      until: until === undefined ? undefined : new Date(until),
      accounts: options.account ?? [],
      regions: options.regionFilter ?? [],
    },
    ...(options.workers ? { workers: options.workers } : {}),
    ...(options.strict ? { strict: true } : {}),
    onProgress: (p) => bar.update(p),
  }).finally(() => bar.stop());
  const sink: OutputSink = options.output ? await fileSink(options.output) : streamSink(process.stdout);
  const format = options.format ?? (sink.isTerminal && !options.output ? 'table' : 'json');
  let accountId: string | undefined;
  if (options.toSecurityHub) accountId = await clients.accountId();
  const target = {
    accountId,
    region: options.toSecurityHub ? clients.defaultRegion : globalOptions(command).region,
  };
  const summary: FindingsSummary & { errors?: unknown } = { ...result.summary, errors: result.trail.errors };
  try {
    await writeFindings(sink, format, result.findings, summary, target);
    await sink.close();
  } catch (error) {
    if ((error as { code?: string }).code !== 'EPIPE') throw error;
  }
  process.stderr.write(formatSummary('hunt', result.trail, result.trail.notices));
  process.stderr.write(`${humanSummary(result.summary)}\n`);
  if (options.case) {
    const caseId = options.case;
    const saved = withCaseStore(command, (store) => store.findings.attach(caseId, result.findings));
    process.stderr.write(
      `case ${caseId}: ${saved.added} findings added, ${saved.updated} updated (seen before)\n`,
    );
  }
  if (options.toSecurityHub) {
    const { importToSecurityHub } = await import('../../findings/security-hub.js');
    const imported = await importToSecurityHub(
      clients,
      result.findings.map((f) => toAsff(f, target)),
      target.region,
    );
    process.stderr.write(
      `security hub: ${imported.imported} findings imported into ${target.region}, ${imported.failed.length} refused\n`,
    );
    for (const failed of imported.failed.slice(0, 10))
      process.stderr.write(
        `  refused ${forTerminal(failed.id)}: ${forTerminal(`${failed.code} ${failed.message}`)}\n`,
      );
    if (imported.failed.length) raiseExitCode(ExitCode.partial);
  }
  if (result.trail.rejected > 0) raiseExitCode(ExitCode.partial);
  if (options.failOn && anyAtOrAbove(result.findings, options.failOn)) raiseExitCode(ExitCode.findings);
}

function withCaseStore<T>(command: Command, fn: (store: CaseStore) => T): T {
  const store = openCaseStore(command);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

function humanSummary(s: FindingsSummary): string {
  const parts = SEVERITIES.slice()
    .reverse()
    .filter((sev) => s.by_severity[sev] > 0)
    .map((sev) => `${s.by_severity[sev]} ${sev}`);
  return `hunt: ${s.rules} rules, ${s.findings} findings${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
