import { type Command, Option } from 'commander';
import { GarrisonError } from '../../errors.js';
import { loadPlaybookCatalog } from '../../respond/runner/catalog.js';
import { exitCodeFor, type ReleaseResult } from '../../respond/runner/outcome.js';
import { type ReleaseOptions, release } from '../../respond/runner/release.js';
import { currentActor, openCaseStore } from '../case-store.js';
import { awsClients } from '../context.js';
import { raiseExitCode } from '../exit.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { confirm, renderRelease } from '../playbook-output.js';

interface ReleaseFlags {
  step?: string[];
  apply?: boolean;
  yes?: boolean;
  format?: string;
}

function print(result: ReleaseResult, format: 'table' | 'json'): void {
  if (format === 'json') process.stdout.write(`${safeJson(result, 2)}\n`);
  else process.stdout.write(renderRelease(result));
}

async function releaseCase(caseId: string, flags: ReleaseFlags, command: Command): Promise<void> {
  const format = flags.format === 'json' || (!flags.format && !process.stdout.isTTY) ? 'json' : 'table';
  const store = openCaseStore(command);
  try {
    const clients = awsClients(command, { caseId });
    const base: ReleaseOptions = {
      store,
      caseId,
      playbooks: await loadPlaybookCatalog(),
      clients,
      ...(flags.step ? { steps: flags.step } : {}),
    };
    const plan = await release(base);
    const undoable = plan.outcomes.filter((o) => o.status === 'would-undo').length;
    if (!flags.apply || undoable === 0) {
      print(plan, format);
      raiseExitCode(exitCodeFor(plan));
      return;
    }
    if (process.stdin.isTTY && !flags.yes) {
      process.stderr.write(renderRelease(plan));
      if (!(await confirm(`Undo ${undoable} change(s) of case ${caseId} in AWS?`))) {
        throw new GarrisonError('usage', 'release cancelled: nothing was changed');
      }
    }
    const actor = await currentActor(clients, (m) => process.stderr.write(`garrison: ${forTerminal(m)}\n`));
    const controller = new AbortController();
    const stop = () => {
      process.stderr.write('garrison: stopping after the current undo (the journal records what was done)\n');
      controller.abort();
    };
    process.once('SIGINT', stop);
    const result = await release({
      ...base,
      apply: true,
      actor,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'step-note') process.stderr.write(`  ${e.stepId}: ${forTerminal(e.message)}\n`);
      },
    });
    process.removeListener('SIGINT', stop);
    print(result, format);
    raiseExitCode(exitCodeFor(result));
  } finally {
    store.close();
  }
}

export function registerRelease(program: Command): void {
  program
    .command('release')
    .description(
      'recovery: undo the reversible containment steps journaled in a case, newest first (evidence is never deleted)',
    )
    .argument('<case>', 'the case id')
    .option('--step <id...>', 'undo only these steps (step id, or playbook:step)')
    .option('--apply', 'make the changes (default: show what would be undone)')
    .option('--yes', 'do not ask for confirmation on a terminal')
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
        'table',
        'json',
      ]),
    )
    .addHelpText(
      'after',
      '\nExample:\n  garrison release case-20261127-ab3k            # what would be undone\n  garrison release case-20261127-ab3k --apply --yes',
    )
    .action(releaseCase);
}
