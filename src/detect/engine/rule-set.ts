import { readFile } from 'node:fs/promises';
import { GarrisonError } from '../../errors.js';
import type { CloudTrailRecord } from '../../trail/record.js';
import { loadPack } from '../pack.js';
import { type PackDetection, sigmaDocument, sigmaRuleText } from '../rules/define.js';
import type { DetectionMeta } from '../rules/metadata.js';
import { exampleEvents } from '../sigma/example-events.js';
import { sigmaFiles } from '../sigma/load.js';
import { compileSigmaDocument, compileSigmaRule, type SigmaRule } from '../sigma/rule.js';
import { STATEFUL_DETECTIONS, type StatefulDetection } from '../stateful/index.js';
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
  /** Run the stateful detections of the pack (default true; they need most records parsed). */
  stateful?: boolean;
}

/** An engine rule from a built-in detection folder. */
export function packRule(detection: PackDetection): EngineRule {
  const { meta } = detection;
  const info = packInfo(meta, detection.file, detection.predicate ? 'predicate' : 'sigma');
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
  // Compiled from the document itself: its YAML text is only written out for `rules show`.
  const sigma = compileSigmaDocument(sigmaDocument(meta), detection.file);
  let text: string | undefined;
  return {
    info,
    matches: sigma.matches,
    eventNames: sigma.eventNames,
    eventSources: sigma.eventSources,
    rawTest: sigma.rawTest,
    examples,
    get sigmaText() {
      text ??= sigmaRuleText(meta);
      return text;
    },
  };
}

/** An engine rule from a user's Sigma rule; its own events are generated from its detection when possible. */
export function sigmaRule(rule: SigmaRule, text: string): EngineRule {
  const info: RuleInfo = {
    id: rule.name,
    sigmaId: rule.id,
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
  // Built on first use (rules test, rules show): hunts never need them.
  let examples: EngineRule['examples'] | null = null;
  const build = (): EngineRule['examples'] => {
    try {
      const generated = exampleEvents(rule);
      return { positive: [generated.positive], negative: generated.nearMisses };
    } catch {
      return undefined;
    }
  };
  return {
    info,
    matches: (record: CloudTrailRecord) => rule.matches(record),
    eventNames: rule.eventNames,
    eventSources: rule.eventSources,
    rawTest: rule.rawTest,
    get examples() {
      if (examples === null) examples = build();
      return examples;
    },
    sigmaText: text,
  };
}

/** The metadata of a stateful detection, as a rule's. */
export function statefulInfo(detection: StatefulDetection, file: string): RuleInfo {
  return packInfo(detection.meta, file, 'stateful');
}

/** A built-in detection's metadata as the engine shows it; tags say where it comes from and what it maps to. */
function packInfo(meta: DetectionMeta, file: string, logic: 'predicate' | 'sigma' | 'stateful'): RuleInfo {
  return {
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
      ...(logic === 'stateful' ? ['stateful'] : []),
      ...(meta.cis.length ? ['cis'] : []),
      ...(meta.stratus.length ? ['stratus'] : []),
      ...(meta.guardduty.length ? ['guardduty'] : []),
    ],
    references: meta.references,
    origin: 'pack',
    file,
    name: meta.id,
    logic,
  };
}

/** A stateful detection with its metadata, as the engine selects it. */
export interface StatefulEntry {
  info: RuleInfo;
  detection: StatefulDetection;
}

export function statefulEntries(): StatefulEntry[] {
  return STATEFUL_DETECTIONS.map((detection) => ({
    info: statefulInfo(detection, 'src/detect/stateful/'),
    detection,
  }));
}

/** True when a --only/--exclude token names this rule: its id, name, a tag, its severity or a technique id. */
export function ruleMatchesToken(info: RuleInfo, token: string): boolean {
  const t = token.toLowerCase();
  const names = [
    info.id,
    info.name,
    info.sigmaId ?? info.id,
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

/** A --only/--exclude token that names no rule at all is a usage error: a typo must not silently hunt nothing. */
export function checkTokens(known: readonly { info: RuleInfo }[], tokens: readonly string[]): void {
  for (const token of tokens) {
    if (!known.some((r) => ruleMatchesToken(r.info, token)))
      throw new GarrisonError('usage', `--only/--exclude "${token}" names no rule`, {
        hint: 'use a rule id, a tag (pack, sigma, stateful, cis, stratus, guardduty, attack.*), a severity or a technique id; see garrison rules list',
      });
  }
}

/** Applies --only and --exclude. */
export function selectRules<T extends { info: RuleInfo }>(
  rules: readonly T[],
  only: readonly string[] = [],
  exclude: readonly string[] = [],
): T[] {
  return rules.filter(
    (r) =>
      (only.length === 0 || only.some((t) => ruleMatchesToken(r.info, t))) &&
      !exclude.some((t) => ruleMatchesToken(r.info, t)),
  );
}

/** Every rule a selection could name, before --only/--exclude: the pack, its stateful detections, the --rules files. */
export async function allRules(
  selection: RuleSelection = {},
): Promise<{ rules: EngineRule[]; stateful: StatefulEntry[] }> {
  const rules: EngineRule[] = [];
  if (selection.builtin !== false) rules.push(...loadPack().map(packRule));
  for (const dir of selection.ruleDirs ?? []) {
    for (const file of await sigmaFiles(dir)) {
      const text = await readFile(file, 'utf8');
      rules.push(sigmaRule(compileSigmaRule(text, file), text));
    }
  }
  const stateful = selection.builtin !== false && selection.stateful !== false ? statefulEntries() : [];
  const seen = new Map<string, string>();
  for (const { info } of [...rules, ...stateful]) {
    const other = seen.get(info.id);
    if (other)
      throw new GarrisonError('input', `rule id ${info.id} is defined twice: ${other} and ${info.file}`);
    seen.set(info.id, info.file);
  }
  checkTokens([...rules, ...stateful], [...(selection.only ?? []), ...(selection.exclude ?? [])]);
  return { rules, stateful };
}

/** The single-record rules a selection runs, after --only/--exclude. */
export async function loadRules(selection: RuleSelection = {}): Promise<EngineRule[]> {
  return selectRules((await allRules(selection)).rules, selection.only, selection.exclude);
}

/** Everything a selection runs: single-record rules and stateful detections, after --only/--exclude. */
export async function loadDetections(
  selection: RuleSelection = {},
): Promise<{ rules: EngineRule[]; stateful: StatefulEntry[] }> {
  const all = await allRules(selection);
  return {
    rules: selectRules(all.rules, selection.only, selection.exclude),
    stateful: selectRules(all.stateful, selection.only, selection.exclude),
  };
}
