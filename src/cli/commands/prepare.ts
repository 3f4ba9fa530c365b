import { type Command, Option } from 'commander';
import { GarrisonError } from '../../errors.js';
import { checkCatalog, checkCatalogMarkdown } from '../../prepare/checks/catalog.js';
import { awsClients } from '../context.js';
import { raiseExitCode } from '../exit.js';
import { safeJson } from '../output/neutralise.js';
import { registerPrepareApply } from './prepare-apply.js';
import { type AuditOptions, runAudit } from './prepare-audit.js';
import { formatOption, lines, processIo } from './prepare-io.js';
import { runTestFilters, type TestFiltersOptions } from './prepare-test-filters.js';

export { type AuditOptions, runAudit } from './prepare-audit.js';
export type { PrepareIo } from './prepare-io.js';
export { runTestFilters, type TestFiltersOptions } from './prepare-test-filters.js';

/** --fail-under: a readiness score, a whole number from 0 to 100. */
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
