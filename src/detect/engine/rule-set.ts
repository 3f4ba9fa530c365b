import { readFile } from 'node:fs/promises';
import { GarrisonError } from '../../errors.js';
import type { CloudTrailRecord } from '../../trail/record.js';
import { loadPack } from '../pack.js';
import { type PackDetection, sigmaRuleText } from '../rules/define.js';
import { exampleEvents } from '../sigma/example-events.js';
import { sigmaFiles } from '../sigma/load.js';
import { compileSigmaRule, type SigmaRule } from '../sigma/rule.js';
import type { EngineRule, RuleInfo } from './detection.js';

/** Which rules a hunt runs: structured-clonable, so each scan worker can rebuild the same set. */
export interface RuleSelection {
  /** Folders (or files) of Sigma rules to add (--rules, repeatable). */
  ruleDirs?: string[];
  /** Run the built-in pack (default true). */
  builtin?: boolean;
  /** Keep only rules matching one of these ids, names, tags, severities or technique ids. */
  only?: string[];
  /** Drop rules matching one of these. */
  exclude?: string[];
}

/** An engine rule from a built-in detection folder. */
export function packRule(detection: PackDetection): EngineRule {
  const { meta } = detection;
  const info: RuleInfo = {
    id: meta.id,
    title: meta.title,
    description: meta.description,
    severity: meta.severity,
    mitre: meta.mitre,
    stratus: meta.stratus,
    guardduty: meta.guardduty,
    cis: meta.cis,
    falsePositives: meta.falsePositives,
    playbook: meta.playbook,
    tags: [
      'pack',
      ...(meta.cis.length ? ['cis'] : []),
      ...(meta.stratus.length ? ['stratus'] : []),
      ...(meta.guardduty.length ? ['guardduty'] : []),
    ],
    references: meta.references,
    origin: 'pack',
    file: detection.file,
    name: meta.id,
    logic: detection.predicate ? 'predicate' : 'sigma',
  };
  const examples = { positive: detection.positive, negative: detection.negative };
  if (detection.predicate) {
    const predicate = detection.predicate;
    return {
      info,
      matches: (record) => predicate(record),
      eventNames: meta.eventNames ? new Set(meta.eventNames) : undefined,
      rawTest: undefined,
      examples,
    };
  }
  const text = sigmaRuleText(meta) as string;
  const sigma = compileSigmaRule(text, detection.file);
  return {
    info,
    matches: sigma.matches,
    eventNames: sigma.eventNames,
    rawTest: sigma.rawTest,
    examples,
    sigmaText: text,
  };
}

/** An engine rule from a user's Sigma rule; its own events are generated from its detection when possible. */
export function sigmaRule(rule: SigmaRule, text: string): EngineRule {
  const info: RuleInfo = {
    id: rule.id,
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    mitre: rule.mitre,
    stratus: [],
    guardduty: [],
    cis: [],
    falsePositives: rule.falsePositives,
    playbook: 'none',
    tags: ['sigma', ...rule.tags],
    references: rule.references,
    origin: 'sigma',
    file: rule.file,
    name: rule.name,
    logic: 'sigma',
  };
  let examples: EngineRule['examples'];
  try {
    const generated = exampleEvents(rule);
    examples = { positive: [generated.positive], negative: generated.nearMisses };
  } catch {
    examples = undefined;
  }
  return {
    info,
    matches: (record: CloudTrailRecord) => rule.matches(record),
    eventNames: rule.eventNames,
    rawTest: rule.rawTest,
    examples,
    sigmaText: text,
  };
}

/** True when a --only/--exclude token names this rule: its id, name, a tag, its severity or a technique id. */
export function ruleMatchesToken(info: RuleInfo, token: string): boolean {
  const t = token.toLowerCase();
  const names = [
    info.id,
    info.name,
    info.severity,
    info.origin,
    ...info.tags,
    ...info.mitre,
    ...info.stratus,
    ...info.guardduty,
    ...info.cis,
  ];
  return names.some((n) => n.toLowerCase() === t);
}

/** Applies --only and --exclude; a token that names no rule at all is a usage error (a typo must not hunt nothing). */
export function selectRules(
  rules: readonly EngineRule[],
  only: readonly string[] = [],
  exclude: readonly string[] = [],
): EngineRule[] {
  for (const token of [...only, ...exclude]) {
    if (!rules.some((r) => ruleMatchesToken(r.info, token)))
      throw new GarrisonError('usage', `--only/--exclude "${token}" names no rule`, {
        hint: 'use a rule id, a tag (pack, sigma, cis, stratus, guardduty, attack.*), a severity or a technique id; see garrison rules list',
      });
  }
  return rules.filter(
    (r) =>
      (only.length === 0 || only.some((t) => ruleMatchesToken(r.info, t))) &&
      !exclude.some((t) => ruleMatchesToken(r.info, t)),
  );
}

/** Loads the rules a selection names: the pack (unless builtin is false) plus every Sigma rule under ruleDirs. */
export async function loadRules(selection: RuleSelection = {}): Promise<EngineRule[]> {
  const rules: EngineRule[] = [];
  if (selection.builtin !== false) rules.push(...loadPack().map(packRule));
  for (const dir of selection.ruleDirs ?? []) {
    for (const file of await sigmaFiles(dir)) {
      const text = await readFile(file, 'utf8');
      rules.push(sigmaRule(compileSigmaRule(text, file), text));
    }
  }
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const other = seen.get(rule.info.id);
    if (other)
      throw new GarrisonError(
        'input',
        `rule id ${rule.info.id} is defined twice: ${other} and ${rule.info.file}`,
      );
    seen.set(rule.info.id, rule.info.file);
  }
  return selectRules(rules, selection.only, selection.exclude);
}
