import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command, one module per command (or command group), in the order help lists them. Each
 * module is imported only when needed: together they pull in every AWS SDK client garrison uses,
 * which is most of a second and a half of start-up that one command never needs.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  case: async () => (await import('./case.js')).registerCase,
  contain: async () => (await import('./contain.js')).registerContain,
  demo: async () => (await import('./demo.js')).registerDemo,
  events: async () => (await import('./events.js')).registerEvents,
  guardduty: async () => (await import('./guardduty.js')).registerGuardDuty,
  hunt: async () => (await import('./hunt.js')).registerHunt,
  iocs: async () => (await import('./iocs.js')).registerIocs,
  pivot: async () => (await import('./pivot.js')).registerPivot,
  policy: async () => (await import('./policy.js')).registerPolicy,
  prepare: async () => (await import('./prepare.js')).registerPrepare,
  release: async () => (await import('./release.js')).registerRelease,
  report: async () => (await import('./report.js')).registerReport,
  respond: async () => (await import('./respond.js')).registerRespond,
  rules: async () => (await import('./rules.js')).registerRules,
  timeline: async () => (await import('./timeline.js')).registerTimeline,
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

/** The program's own options that take a value (`--region us-east-1`): their value is not a command's name. */
export function valuedOptions(program: Command): Set<string> {
  return new Set(program.options.flatMap((o) => ((o.required || o.optional) && o.long ? [o.long] : [])));
}

/** The command named on a command line (argv without node and the script), if any. */
export function commandNamed(args: readonly string[], valued: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return undefined;
    if (valued.has(arg)) i++;
    else if (!arg.startsWith('-')) return Object.hasOwn(COMMANDS, arg) ? arg : undefined;
  }
  return undefined;
}

/**
 * Registers, on a program whose global options are declared, the command a command line names, or every command when it names none (help, a
 * typo: commander then lists them all or suggests the nearest).
 */
export async function registerCommands(program: Command, args: readonly string[] = []): Promise<void> {
  const named = commandNamed(args, valuedOptions(program));
  for (const name of named ? [named] : COMMAND_NAMES) (await COMMANDS[name]!())(program);
}
