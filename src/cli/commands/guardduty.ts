import { type Command, Option } from 'commander';
import { SEVERITIES } from '../../detect/engine/detection.js';
import { GarrisonError } from '../../errors.js';
import { readFindingFiles } from '../../guardduty/documents.js';
import { type PullAccount, pullFindings } from '../../guardduty/pull.js';
import { parseTime } from '../../trail/time.js';
import { awsClients, globalOptions } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { failOnOption, formatOption, type OutputFlags, type PullFlags } from './guardduty-options.js';
import { checkCase, say, storeAndWriteFindings } from './guardduty-output.js';
import { registerGuardDutyWatch } from './guardduty-watch.js';
import { collect } from './rule-options.js';

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
      await storeAndWriteFindings('pull', result, flags, command);
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
      await storeAndWriteFindings('import', await readFindingFiles(files), flags, command, files.length);
    });

  registerGuardDutyWatch(gd);
}
