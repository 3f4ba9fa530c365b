import type { Command } from 'commander';
import type { RuleSelection } from '../../detect/engine/rule-set.js';

/** The rule flags every command that runs rules takes (hunt, rules list/show/validate/test). */
export interface RuleOptions {
  rules?: string[];
  only?: string[];
  exclude?: string[];
  pack: boolean;
  stateful: boolean;
}

/** Repeatable, comma-separated values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

export function ruleOptions(command: Command): Command {
  return command
    .option(
      '--rules <dir>',
      'add the Sigma rules (.yml) of this folder or file; repeatable',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option(
      '--only <ids>',
      'keep only rules with these ids, names, tags, severities or technique ids (comma-separated, repeatable)',
      collect,
    )
    .option('--exclude <ids>', 'drop rules with these ids, names, tags, severities or technique ids', collect)
    .option('--no-pack', 'leave out the built-in detection pack (only --rules)')
    .option('--no-stateful', "leave out the pack's stateful detections (faster: fewer records parsed)");
}

export function selectionOf(options: RuleOptions): RuleSelection {
  return {
    ruleDirs: options.rules ?? [],
    builtin: options.pack !== false,
    stateful: options.stateful !== false,
    only: options.only ?? [],
    exclude: options.exclude ?? [],
  };
}
