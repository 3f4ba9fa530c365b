import { Argument, type Command, Option } from 'commander';
import type { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import { GarrisonError } from '../../errors.js';
import { playbookNamed } from '../../respond/playbooks/index.js';
import { mapBounded } from '../../respond/playbooks/shared/concurrency.js';
import {
  type ContainOptions,
  prefetchTargets,
  resolveTargets,
  STEPS_AT_ONCE,
} from '../../respond/playbooks/targets.js';
import { exitCodeFor, type RunResult } from '../../respond/runner/outcome.js';
import { runPlaybook } from '../../respond/runner/run-playbook.js';
import { currentActor, openCaseStore } from '../case-store.js';
import { awsClients } from '../context.js';
import { raiseExitCode } from '../exit.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { confirm, renderRun } from '../playbook-output.js';

interface ContainFlags extends ContainOptions {
  case?: string;
  apply?: boolean;
  yes?: boolean;
  format?: string;
  concurrency?: string;
}

const say = (message: string) => process.stderr.write(`garrison: ${forTerminal(message)}\n`);

function print(caseId: string | undefined, runs: RunResult[], format: 'table' | 'json'): void {
  if (format === 'json') process.stdout.write(`${safeJson({ caseId: caseId ?? null, runs }, 2)}\n`);
  else for (const run of runs) process.stdout.write(`${renderRun(run)}\n`);
}

async function contain(kind: string, inputs: string[], flags: ContainFlags, command: Command): Promise<void> {
  const playbook = playbookNamed(kind);
  if (!playbook)
    throw new GarrisonError('usage', `no playbook for ${JSON.stringify(kind.slice(0, 40))}`, {
      hint: 'garrison contain ec2|iam-user|iam-role|s3-bucket',
    });
  const format = flags.format === 'json' || (!flags.format && !process.stdout.isTTY) ? 'json' : 'table';
  const concurrency = Number(flags.concurrency ?? 5);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50)
    throw new GarrisonError('usage', '--concurrency wants a whole number from 1 to 50');
  const clients = awsClients(command);
  const targets = await resolveTargets(kind, inputs, flags, clients);
  let store: CaseStore | undefined;
  try {
    if (flags.case || flags.apply) store = openCaseStore(command);
    if (flags.case) store?.cases.get(flags.case);
    const forCase = new Map<string, AwsClients>();
    // One set of clients per case (one role assumption), carrying the case id in the user agent.
    const caseClients = (id: string) =>
      forCase.get(id) ?? (forCase.set(id, clients.forCase(id)).get(id) as AwsClients);
    const runAll = (
      caseId: string | undefined,
      apply: boolean,
      onNote?: (m: string) => void,
      actor?: Awaited<ReturnType<typeof currentActor>>,
    ) =>
      prefetchTargets(kind, targets, caseId ? caseClients(caseId) : clients).then(() =>
        mapBounded(targets, concurrency, (target) =>
          runPlaybook({
            playbook,
            target,
            // Every step that depends only on the evidence step may run at once (ec2 has seven).
            concurrency: STEPS_AT_ONCE,
            clients: caseId ? caseClients(caseId) : clients,
            apply,
            ...(store && caseId ? { store, caseId } : {}),
            ...(actor ? { actor } : {}),
            ...(onNote
              ? {
                  onEvent: (e) =>
                    e.type === 'step-note' ? onNote(`${target.id} ${e.stepId}: ${e.message}`) : undefined,
                }
              : {}),
          }),
        ),
      );
    // Without a terminal to ask (or with --yes) an applying run plans each step itself: no separate dry run.
    const ask = !!flags.apply && !flags.yes && process.stdin.isTTY;
    const plans = flags.apply && !ask ? [] : await runAll(flags.case, false);
    const changing = !flags.apply || !ask || plans.some((p) => p.changed);
    if (!flags.apply || !changing) {
      print(flags.case, plans, format);
      for (const p of plans) raiseExitCode(exitCodeFor(p));
      if (!changing && flags.apply) say('nothing to change: every step is already done');
      return;
    }
    if (ask) {
      for (const p of plans) process.stderr.write(renderRun(p));
      for (const w of new Set(plans.flatMap((p) => p.outcomes.flatMap((o) => o.warnings))))
        say(`warning: ${w}`);
      if (!(await confirm(`Apply ${kind} containment to ${targets.length} target(s)?`)))
        throw new GarrisonError('usage', 'containment cancelled: nothing was changed');
    }
    const caseId =
      flags.case ??
      store!.cases.create({
        title: `contain ${kind} ${targets.map((t) => t.id).join(' ')}`.slice(0, 200),
        severity: 'high',
      }).id;
    if (!flags.case) say(`opened case ${caseId}`);
    const actor = await currentActor(clients, say);
    const runs = await runAll(caseId, true, say, actor);
    print(caseId, runs, format);
    for (const w of new Set(runs.flatMap((r) => r.outcomes.flatMap((o) => o.warnings)))) say(`warning: ${w}`);
    const complete = runs.filter((r) => r.status === 'complete').length;
    say(
      `case ${caseId}: ${complete} of ${runs.length} ${kind} target(s) contained and verified; undo with: garrison release ${caseId}`,
    );
    for (const r of runs) raiseExitCode(exitCodeFor(r));
  } finally {
    store?.close();
  }
}

export function registerContain(program: Command): void {
  program
    .command('contain')
    .description(
      'contain a compromised resource with a playbook: dry run unless --apply; every change journaled in a case',
    )
    .addArgument(
      new Argument('<kind>', 'what to contain').choices(['ec2', 'iam-user', 'iam-role', 's3-bucket']),
    )
    .argument('[target...]', 'instance ids/ARNs, user names or access key ids, role names/ARNs, bucket names')
    .option('--case <id>', 'journal into this case (default with --apply: open a new case)')
    .option('--apply', 'make the changes (default: show the plan)')
    .option('--yes', 'do not ask for confirmation on a terminal')
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
        'table',
        'json',
      ]),
    )
    .option('--concurrency <n>', 'targets contained at once (default 5)')
    .option('--tag <key=value>', 'ec2: also every instance with this tag')
    .option(
      '--decrement-desired-capacity',
      'ec2: lower the Auto Scaling desired capacity (default: keep it, a replacement launches)',
    )
    .option('--nacl', 'ec2: also move its subnets to a deny-all network ACL (cuts every instance in them)')
    .option('--keep-role-sessions', "ec2: do not revoke the instance role's issued sessions")
    .option('--remove-from-instance-profiles', 'iam-role: also take the role out of its instance profiles')
    .option('--deny-all-except <arn...>', 's3-bucket: bucket policy denying every principal but these')
    .addHelpText(
      'after',
      `
Examples:
  garrison contain ec2 i-0abc123def4567890                 # the plan, nothing changed
  garrison contain ec2 --tag incident=42 --apply --yes     # every tagged instance, new case
  garrison contain iam-user AKIAIOSFODNN7EXAMPLE --case case-20261127-ab3k --apply
  garrison contain s3-bucket leaky-bucket --deny-all-except arn:aws:iam::111122223333:role/responder --apply
  garrison policy ec2                                      # the IAM policy this needs`,
    )
    .action(contain);
}
