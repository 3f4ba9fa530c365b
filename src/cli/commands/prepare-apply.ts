import type { Command } from 'commander';
import { Option } from 'commander';
import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';
import type { PreparationRun } from '../../prepare/apply/run.js';
import { plannedChanges, preparationLines, prepareAccount } from '../../prepare/apply/run.js';
import { exitCodeFor } from '../../respond/runner/outcome.js';
import { currentActor, openCaseStore } from '../case-store.js';
import { awsClients } from '../context.js';
import { type ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { confirm } from '../playbook-output.js';

export interface PrepareApplyOptions {
  apply?: boolean;
  yes?: boolean;
  email?: string;
  minSeverity?: number;
  format?: string;
  trailName?: string;
  bucket?: string;
  kmsKeyId?: string;
  regions?: string[];
  evidenceBucket?: string;
  responderRole?: string;
  case?: string;
}

/** Where `prepare apply` writes and asks; tests pass their own. */
export interface PrepareApplyIo {
  out(text: string): void;
  err(text: string): void;
  isTerminal: boolean;
  /** Asks before applying (absent: never asks, as with --yes). */
  confirm?: (question: string) => Promise<boolean>;
  /** The case store for the journal (default: --db / GARRISON_DB). */
  openStore?: () => ReturnType<typeof openCaseStore>;
}

/** --min-severity: a GuardDuty severity, 1 to 8.9. */
export function parseSeverity(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < 1 || n > 8.9)
    throw new GarrisonError(
      'usage',
      `--min-severity takes a GuardDuty severity from 1 to 8.9, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  return n;
}

/** --email: one address, nothing that could smuggle a second endpoint or control characters. */
export function parseEmail(value: string): string {
  if (
    value.length > 254 ||
    !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/.test(value)
  )
    throw new GarrisonError(
      'usage',
      `--email wants an e-mail address, got ${JSON.stringify(value.slice(0, 80))}`,
    );
  return value;
}

/** `prepare apply`: plans, and with --apply makes, what the readiness audit finds missing. */
export async function runPrepareApply(
  clients: AwsClients,
  options: PrepareApplyOptions,
  io: PrepareApplyIo,
): Promise<ExitCode> {
  const say = (m: string) => io.err(`garrison: ${forTerminal(m)}\n`);
  const json = options.format === 'json' || (!options.format && !io.isTerminal);
  const base: PreparationRun = {
    ...(options.email ? { email: options.email } : {}),
    ...(options.minSeverity !== undefined ? { minSeverity: options.minSeverity } : {}),
    ...(options.trailName ? { trailName: options.trailName } : {}),
    ...(options.bucket ? { bucketName: options.bucket } : {}),
    ...(options.kmsKeyId ? { kmsKeyId: options.kmsKeyId } : {}),
    ...(options.regions ? { regions: options.regions } : {}),
    ...(options.evidenceBucket ? { evidenceBucket: options.evidenceBucket } : {}),
    ...(options.responderRole ? { responderRole: options.responderRole } : {}),
  };
  const show = (result: Awaited<ReturnType<typeof prepareAccount>>, caseId?: string) => {
    const changes = result.run.outcomes.flatMap(plannedChanges);
    if (json)
      io.out(
        `${safeJson({ accountId: result.accountId, caseId: caseId ?? null, status: result.run.status, changes, steps: result.run.outcomes }, 2)}\n`,
      );
    else for (const line of preparationLines(result.run)) io.out(`${forTerminal(line)}\n`);
    for (const w of new Set(result.run.outcomes.flatMap((o) => o.warnings))) say(`warning: ${w}`);
  };
  const plan = await prepareAccount(clients, base);
  if (!options.apply || !plan.run.changed) {
    show(plan);
    const planned = plan.run.outcomes.flatMap(plannedChanges).length;
    say(
      !plan.run.changed
        ? `account ${plan.accountId} is prepared: nothing to change`
        : `account ${plan.accountId}: ${planned} change(s) planned, none made (add --apply to make them)`,
    );
    return exitCodeFor(plan.run);
  }
  if (!options.yes && io.confirm) {
    show(plan);
    if (!(await io.confirm(`Make these changes in account ${plan.accountId}?`)))
      throw new GarrisonError('usage', 'preparation cancelled: nothing was changed');
  }
  const store = (io.openStore as () => ReturnType<typeof openCaseStore>)();
  try {
    const caseId =
      options.case ?? store.cases.create({ title: `prepare account ${plan.accountId}`, severity: 'low' }).id;
    if (!options.case) say(`journaling the changes in case ${caseId}`);
    const caseClients = clients.forCase(caseId);
    const actor = await currentActor(caseClients, say);
    const applied = await prepareAccount(caseClients, { ...base, apply: true, store, caseId, actor });
    show(applied, caseId);
    const verified = applied.run.outcomes.filter(
      (o) => o.status === 'applied' || o.status === 'resumed',
    ).length;
    say(
      `account ${applied.accountId}: ${verified} step(s) applied and verified (${applied.run.status}); check with garrison prepare audit`,
    );
    return exitCodeFor(applied.run);
  } finally {
    store.close();
  }
}

const HELP = `
Examples:
  garrison prepare apply                                       the plan: what is missing (changes nothing)
  garrison prepare apply --apply --email soc@example.com       create it, after a confirmation
  garrison prepare apply --apply --yes --regions us-east-1,eu-west-1 --min-severity 7
  garrison policy prepare                                      the IAM policy this command needs

Nothing is deleted or weakened: an existing trail is updated in place (lines marked ~), new things
are created (lines marked +). Every change is journaled in a case (--case, or a new one).
Exit status: 1 a step failed; 2 a change could not be verified.`;

export function registerPrepareApply(prepare: Command): void {
  prepare
    .command('apply')
    .description(
      'Plan (dry run), and with --apply create, what the readiness audit finds missing: trail, alarms, GuardDuty, containment kit.',
    )
    .option('--apply', 'make the changes (default: plan only)')
    .option('--yes', 'do not ask for confirmation')
    .option('--email <address>', 'subscribe this address to the alert topic', parseEmail)
    .option(
      '--min-severity <n>',
      'route GuardDuty findings at or above this severity (default 4)',
      parseSeverity,
    )
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
        'table',
        'json',
      ]),
    )
    .option(
      '--trail-name <name>',
      'the trail to create or adopt (default: garrison, or the best existing trail)',
    )
    .option('--bucket <name>', "a new trail's bucket (default: garrison-cloudtrail-<account>)")
    .option(
      '--kms-key-id <arn>',
      'encrypt the trail with this existing KMS key instead of creating alias/garrison-cloudtrail (a policy that does not allow CloudTrail is shown as a conflict, never rewritten)',
    )
    .option(
      '--regions <list>',
      'prepare only these regions (comma-separated; default: every enabled region)',
      (v: string) =>
        v
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
    )
    .option('--evidence-bucket <name>', 'the forensic bucket (default: garrison-forensics-<account>)')
    .option('--responder-role <name>', 'the responder role (default: incident-responder)')
    .option('--case <id>', 'journal the changes in this case (default: a new case)')
    .addHelpText('after', HELP)
    .action(async (options: PrepareApplyOptions, command: Command) => {
      const io: PrepareApplyIo = {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        isTerminal: Boolean(process.stdout.isTTY),
        openStore: () => openCaseStore(command),
        ...(process.stdin.isTTY ? { confirm: (q: string) => confirm(q) } : {}),
      };
      raiseExitCode(await runPrepareApply(awsClients(command), options, io));
    });
}
