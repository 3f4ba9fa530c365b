import { Command, CommanderError } from 'commander';
import { describeError, isGarrisonError } from '../errors.js';
import { VERSION } from '../version.js';
import { registerCommands } from './commands/index.js';
import { ExitCode } from './exit.js';

export const EXIT_STATUS_HELP = `
Exit status:
  0  success: all input read, every step verified
  1  error: nothing useful was done (bad arguments, AWS refused, fatal input error)
  2  partial: some input was rejected or some step was not verified (see the summary)
  3  findings at or above --fail-on were found`;

/** The program with its global options, before any command is registered. */
export function globalProgram(): Command {
  return new Command('garrison')
    .description('Incident response for AWS: prepare an account, hunt CloudTrail, contain, recover, report.')
    .version(VERSION)
    .option('--region <region>', 'AWS region (default: AWS_REGION, the profile, then us-east-1)')
    .option('--profile <name>', 'AWS profile from the shared config (SSO profiles work)')
    .option(
      '--endpoint-url <url>',
      'send every AWS call to this endpoint (e.g. the local emulator); AWS_ENDPOINT_URL works too',
    )
    .option('--role-arn <arn>', 'assume this role first, to act in another account')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--db <path>', 'case store path (default: GARRISON_DB, then ~/.garrison/garrison.db)')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_STATUS_HELP);
}

/** The program for a command line (argv without node and the script): only the command it names is loaded. */
export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  const program = globalProgram();
  await registerCommands(program, args);
  return program;
}

/** Commander errors (usage, --help) are thrown, not process.exit()ed, at every level of subcommand. */
function throwInsteadOfExit(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExit(sub);
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = await buildProgram(argv.slice(2));
  throwInsteadOfExit(program);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? ExitCode.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    if (isGarrisonError(error)) {
      process.stderr.write(`garrison: ${error.message}\n`);
      if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    } else {
      process.stderr.write(`garrison: ${describeError(error)}\n`);
      if (process.env.GARRISON_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    }
    return ExitCode.error;
  }
}
