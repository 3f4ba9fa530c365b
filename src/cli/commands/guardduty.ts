import { type Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES, type Severity } from '../../detect/engine/detection.js';
import { GarrisonError } from '../../errors.js';
import { anyAtOrAbove } from '../../findings/finding.js';
import { FINDING_FORMATS, type FindingFormat, writeFindings } from '../../findings/write.js';
import { toGarrisonFinding } from '../../guardduty/convert.js';
import { type FindingBatch, readFindingFiles } from '../../guardduty/documents.js';
import { type PullAccount, pullFindings } from '../../guardduty/pull.js';
import { saveGuardDutyFindings } from '../../guardduty/store.js';
import { guardDutySummary, summaryLines } from '../../guardduty/summary.js';
import { watchQueue } from '../../guardduty/watch.js';
import { parseTime } from '../../trail/time.js';
import { openCaseStore } from '../case-store.js';
import { awsClients, globalOptions } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import { collect } from './rule-options.js';

interface OutputFlags {
  case?: string;
  format?: FindingFormat;
  output?: string;
  failOn?: Severity;
}

/** Fails fast on a --case that does not exist, before reading anything. */
function checkCase(command: Command, caseId: string | undefined): void {
  if (!caseId) return;
  const store = openCaseStore(command);
  try {
    store.cases.get(caseId);
  } finally {
    store.close();
  }
}

const say = (line: string) => process.stderr.write(`${forTerminal(line)}\n`);

function intIn(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`give a whole number from ${min} to ${max}`);
    return n;
  };
}

function failOnOption() {
  return new Option(
    '--fail-on <severity>',
    'exit 3 when a finding at or above this severity came in',
  ).choices(SEVERITIES);
}

function formatOption() {
  return new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(
    FINDING_FORMATS,
  );
}

/** Converts, stores (in --case or unassigned), writes and summarises a batch; exit 2 on rejects. */
async function finish(
  verb: string,
  batch: FindingBatch,
  flags: OutputFlags,
  command: Command,
  files = 0,
): Promise<void> {
  const findings = batch.findings.map(toGarrisonFinding);
  const store = openCaseStore(command);
  let stored: { added: number; updated: number };
  try {
    stored = saveGuardDutyFindings(store, findings, flags.case);
  } finally {
    store.close();
  }
  const summary = guardDutySummary(findings, batch.rejected, { ...stored, case: flags.case ?? null }, files);
  const sink: OutputSink = flags.output ? await fileSink(flags.output) : streamSink(process.stdout);
  const format = flags.format ?? (sink.isTerminal && !flags.output ? 'table' : 'json');
  try {
    await writeFindings(sink, format, findings, summary, { region: globalOptions(command).region });
    await sink.close();
  } catch (error) {
    if ((error as { code?: string }).code !== 'EPIPE') throw error;
  }
  for (const line of summaryLines(verb, summary)) say(line);
  if (batch.rejected.length) raiseExitCode(ExitCode.partial);
  if (flags.failOn && anyAtOrAbove(findings, flags.failOn)) raiseExitCode(ExitCode.findings);
}

const HELP = `
GuardDuty findings become garrison findings (the model hunt uses: OCSF-aligned, exported the same
ways), stored in the case store (--case, or unassigned) under their GuardDuty finding id, which
\`garrison respond <finding-id>\` takes. Input that is not a valid finding is counted and listed with
its reason on stderr; the valid findings are still imported, and the exit status is 2.

Examples:
  garrison guardduty pull --min-severity high --since 7d --case case-20261127-ab3k
  garrison guardduty pull --type 'UnauthorizedAccess:IAMUser/*' --member-role arn:aws:iam::222233334444:role/ir
  garrison guardduty import export/*.jsonl.gz event.json --format csv
  aws guardduty get-findings --detector-id D --finding-ids F | garrison guardduty import -
  garrison guardduty watch --queue https://sqs.us-east-1.amazonaws.com/111122223333/guardduty --case case-20261127-ab3k

Exit status (pull, import):
  0  every input was a valid finding (and every region could be read)
  1  error: bad arguments, unknown --case, a file that cannot be read
  2  partial: some input was rejected, or some region or account could not be read
  3  a finding at or above --fail-on came in`;

export function registerGuardDuty(program: Command): void {
  const gd = program
    .command('guardduty')
    .description(
      'bring GuardDuty findings into garrison: pull from the API, import files, watch an SQS queue',
    )
    .addHelpText('after', HELP);

  gd.command('pull')
    .description('read findings from GuardDuty in every enabled region (ListFindings, GetFindings by 50)')
    .addOption(new Option('--min-severity <severity>', 'only findings at or above').choices(SEVERITIES))
    .option('--type <type>', "finding type, repeatable; end with * for a prefix ('Recon:EC2/*')", collect)
    .option('--since <time>', 'updated at or after: ISO 8601 or relative (30m, 24h, 7d)')
    .option('--until <time>', 'updated at or before')
    .option('--include-archived', 'also archived findings')
    .option(
      '--regions <region>',
      'only these regions (repeatable or comma-separated; default: every enabled one)',
      collect,
    )
    .option('--member-role <arn>', 'also pull the account behind this role (repeatable)', collect)
    .option('--case <id>', 'store the findings in this case (default: unassigned)')
    .addOption(formatOption())
    .option('--output <file>', 'write the findings to this file instead of stdout')
    .addOption(failOnOption())
    .addHelpText(
      'after',
      `
Type and severity go to ListFindings as FindingCriteria (archived findings excluded unless
--include-archived); a --type ending in * is a prefix, filtered after GetFindings.

Example:
  garrison guardduty pull --min-severity high --since 24h --type 'UnauthorizedAccess:IAMUser/*' --case case-20261127-ab3k`,
    )
    .action(async (flags: OutputFlags & PullFlags, command: Command) => {
      checkCase(command, flags.case);
      const now = Date.now();
      const since = flags.since === undefined ? undefined : parseTime(flags.since, now);
      const until = flags.until === undefined ? undefined : parseTime(flags.until, now);
      if (since !== undefined && until !== undefined && since > until)
        throw new GarrisonError('usage', '--since is after --until');
      const clients = awsClients(command);
      const accounts: PullAccount[] = [{ label: globalOptions(command).roleArn ?? 'caller', clients }];
      for (const arn of flags.memberRole ?? []) accounts.push({ label: arn, clients: clients.withRole(arn) });
      const result = await pullFindings(
        accounts,
        {
          minSeverity: flags.minSeverity,
          types: flags.type,
          since,
          until,
          includeArchived: flags.includeArchived,
        },
        { regions: flags.regions, onRegion: (a, r) => process.stderr.isTTY && say(`pulling ${a} ${r}`) },
      );
      await finish('pull', result, flags, command);
      say(`guardduty pull: ${result.detectors.length} detectors read`);
      for (const f of result.failures) say(`  could not read ${f.account} ${f.region}: ${f.reason}`);
      if (result.failures.length) raiseExitCode(ExitCode.partial);
    });

  gd.command('import')
    .description(
      'read findings from files: EventBridge events, S3 export JSON lines (.gz or not), finding JSON',
    )
    .argument('<file...>', 'files to read (- for stdin)')
    .option('--case <id>', 'store the findings in this case (default: unassigned)')
    .addOption(formatOption())
    .option('--output <file>', 'write the findings to this file instead of stdout')
    .addOption(failOnOption())
    .addHelpText(
      'after',
      `
Example:
  garrison guardduty import s3-export/2026/11/*.jsonl.gz eventbridge-event.json --format csv --output findings.csv`,
    )
    .action(async (files: string[], flags: OutputFlags, command: Command) => {
      checkCase(command, flags.case);
      await finish('import', await readFindingFiles(files), flags, command, files.length);
    });

  gd.command('watch')
    .description('consume findings an EventBridge rule delivers to SQS, until Ctrl-C (or --once)')
    .requiredOption('--queue <url>', 'the SQS queue URL')
    .option('--max-messages <n>', 'messages per receive, 1-10', intIn(1, 10), 10)
    .option('--wait-seconds <s>', 'long-poll wait, 0-20', intIn(0, 20), 20)
    .option('--once', 'one receive, then stop')
    .option(
      '--keep-malformed',
      'leave malformed messages on the queue for its redrive policy (default: report and delete)',
    )
    .option('--case <id>', 'store the findings in this case (default: unassigned)')
    .addHelpText(
      'after',
      `
A message is deleted only after its findings are stored. A malformed message (not JSON, not a GuardDuty
finding event, an invalid finding) is reported and deleted, since it can never become valid; with
--keep-malformed it stays for the queue's dead-letter redrive. Each stored finding is printed as one JSON
line on stdout. Exit status 2 when any message was rejected.

Example:
  garrison guardduty watch --queue https://sqs.us-east-1.amazonaws.com/111122223333/guardduty --case case-20261127-ab3k`,
    )
    .action(async (flags: WatchFlags, command: Command) => {
      const clients = awsClients(command);
      const store = openCaseStore(command);
      const stop = new AbortController();
      const onSigint = () => stop.abort();
      process.once('SIGINT', onSigint);
      try {
        if (flags.case) store.cases.get(flags.case);
        const totals = await watchQueue(clients, {
          queueUrl: flags.queue,
          maxMessages: flags.maxMessages,
          waitSeconds: flags.waitSeconds,
          once: flags.once === true,
          keepMalformed: flags.keepMalformed === true,
          signal: stop.signal,
          store: (batch) => {
            const findings = batch.map(toGarrisonFinding);
            saveGuardDutyFindings(store, findings, flags.case);
            for (const f of findings) {
              process.stdout.write(`${safeJson(f)}\n`);
              say(`stored ${f.severity} ${f.id} ${f.rule.guardduty[0]} -> ${f.playbook}`);
            }
          },
          onRejected: (r) => say(`rejected ${r.where}${r.id ? ` (${r.id})` : ''}: ${r.reason}`),
          onError: (e) => say(`could not store a batch (left on the queue): ${e.message}`),
        });
        say(
          `guardduty watch: ${totals.messages} messages, ${totals.stored} findings stored${flags.case ? ` in case ${flags.case}` : ''}, ` +
            `${totals.rejected} rejected, ${totals.deleted} deleted${totals.deleteFailures ? `, ${totals.deleteFailures} NOT deleted` : ''}`,
        );
        if (totals.rejected || totals.deleteFailures) raiseExitCode(ExitCode.partial);
      } finally {
        process.off('SIGINT', onSigint);
        store.close();
      }
    });
}

interface PullFlags {
  minSeverity?: Severity;
  type?: string[];
  since?: string;
  until?: string;
  includeArchived?: boolean;
  regions?: string[];
  memberRole?: string[];
}

interface WatchFlags {
  queue: string;
  maxMessages: number;
  waitSeconds: number;
  once?: boolean;
  keepMalformed?: boolean;
  case?: string;
}
