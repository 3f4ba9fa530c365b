import { type Command, Option } from 'commander';
import type { CaseStore } from '../../cases/store.js';
import { GarrisonError } from '../../errors.js';
import { assignGuardDutyFinding, guardDutyFindingById } from '../../guardduty/store.js';
import { type ResponseResult, respondToFinding } from '../../respond/recommend/run.js';
import { recommend } from '../../respond/recommend/table.js';
import { exitCodeFor } from '../../respond/runner/outcome.js';
import { currentActor, openCaseStore } from '../case-store.js';
import { awsClients } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { confirm, renderRun } from '../playbook-output.js';

interface RespondFlags {
  apply?: boolean;
  yes?: boolean;
  case?: string;
  format?: 'table' | 'json';
}

const say = (message: string) => process.stderr.write(`garrison: ${forTerminal(message)}\n`);

function render(result: ResponseResult, title: string): string {
  const lines = [`finding ${result.findingId}: ${title}`, `response (${result.family}):`];
  for (const step of result.steps) {
    const r = step.recommendation;
    const what = r.playbook === 'manual' ? 'manual' : `contain ${r.playbook} ${r.target} (${r.region})`;
    lines.push(`  - ${what}: ${r.reason}`);
    if (step.error) lines.push(`    FAILED: ${step.error}`);
  }
  let text = `${lines.map(forTerminal).join('\n')}\n`;
  for (const step of result.steps) if (step.run) text += `\n${renderRun(step.run)}`;
  return text;
}

function print(result: ResponseResult, title: string, format: 'table' | 'json'): void {
  process.stdout.write(format === 'json' ? `${safeJson(result, 2)}\n` : render(result, title));
  for (const step of result.steps) {
    if (step.error) raiseExitCode(ExitCode.error);
    if (step.run) raiseExitCode(exitCodeFor(step.run));
  }
}

async function respond(findingId: string, flags: RespondFlags, command: Command): Promise<void> {
  const format = flags.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const store: CaseStore = openCaseStore(command);
  try {
    const stored = guardDutyFindingById(store, findingId);
    const gd = stored.finding.guardduty;
    const clients = awsClients(command);
    const actionable = recommend(gd).recommendations.some((r) => r.playbook !== 'manual');
    // Containment acts in the finding's account: refuse other credentials before any plan reads AWS.
    const account = actionable ? await clients.accountId().catch(() => undefined) : undefined;
    if (account && account !== gd.accountId)
      throw new GarrisonError(
        'conflict',
        `the finding is in account ${gd.accountId}, these credentials act in ${account}`,
        {
          hint: 'add --role-arn with a role in the finding account',
        },
      );
    if (flags.case && flags.case !== stored.caseId) assignGuardDutyFinding(store, stored.finding, flags.case);
    let caseId = flags.case ?? stored.caseId ?? undefined;
    const ask = !!flags.apply && !flags.yes && process.stdin.isTTY;
    if (!flags.apply || !actionable || ask) {
      const plan = await respondToFinding({ finding: gd, clients, store, ...(caseId ? { caseId } : {}) });
      if (!flags.apply || !actionable) {
        print(plan, stored.finding.title, format);
        if (flags.apply) say('nothing garrison can contain: follow the manual guidance');
        return;
      }
      process.stderr.write(render(plan, stored.finding.title));
      if (!(await confirm(`Apply the response to finding ${findingId}?`)))
        throw new GarrisonError('usage', 'response cancelled: nothing was changed');
    }
    if (!caseId) {
      caseId = store.cases.create({
        title: `GuardDuty ${gd.type} (${gd.id})`.slice(0, 200),
        severity: stored.finding.severity === 'informational' ? 'low' : stored.finding.severity,
      }).id;
      say(`opened case ${caseId}`);
    }
    if (caseId !== stored.caseId) assignGuardDutyFinding(store, stored.finding, caseId);
    const actor = await currentActor(clients, say);
    const result = await respondToFinding({
      finding: gd,
      clients,
      apply: true,
      store,
      caseId,
      actor,
      onEvent: (e) => (e.type === 'step-note' ? say(`${e.stepId}: ${e.message}`) : undefined),
    });
    print(result, stored.finding.title, format);
  } finally {
    store.close();
  }
}

export function registerRespond(program: Command): void {
  program
    .command('respond')
    .description(
      'respond to a GuardDuty finding: its recommended playbook(s), run as `contain` does (dry run unless --apply)',
    )
    .argument(
      '<finding-id>',
      'the GuardDuty finding id (bring findings in with garrison guardduty pull|import|watch)',
    )
    .option('--apply', 'make the changes (default: show the plan)')
    .option('--yes', 'do not ask for confirmation on a terminal')
    .option(
      '--case <id>',
      "attach the finding to this case (default: the finding's case; with --apply a new one)",
    )
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
        'table',
        'json',
      ]),
    )
    .addHelpText(
      'after',
      `
The recommendation comes from a table of GuardDuty finding families (EC2, instance credential
exfiltration, IAM user, S3, Kubernetes/Runtime, root, ...) after GuardDuty's remediation guidance.
Families garrison cannot contain (root credentials, Kubernetes without a node, Lambda, ...) get manual
guidance. Every applied change is journaled in the finding's case.

Examples:
  garrison respond 5ab8c1d2e3f4a5b6c7d8e9f0a1b2c3d4              # the plan, nothing changed
  garrison respond 5ab8c1d2e3f4a5b6c7d8e9f0a1b2c3d4 --apply --yes`,
    )
    .action(respond);
}
