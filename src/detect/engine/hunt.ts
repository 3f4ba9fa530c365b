import { GarrisonError } from '../../errors.js';
import { countBySeverity, type Finding, type FindingsSummary } from '../../findings/finding.js';
import { DEFAULT_WINDOW_MS, FindingGrouper } from '../../findings/grouping.js';
import type { CloudTrailRecord } from '../../trail/record.js';
import { type ReadTrailOptions, readTrail, type TrailSummary } from '../../trail/sources/read-trail.js';
import { type StatefulOptions, StatefulRun } from '../stateful/index.js';
import type { EngineRule, RuleInfo } from './detection.js';
import { hitOf } from './hit.js';
import { HuntGathering } from './hunt-gather.js';
import { type HuntMatch, type HuntMatcherOptions, huntMatcherSpec } from './matcher.js';
import { RuleIndex } from './rule-index.js';
import { loadDetections } from './rule-set.js';

export interface HuntOptions extends Omit<ReadTrailOptions, 'matcher'> {
  /** Which rules run (default: the built-in pack), and the time window of records hunted. */
  selection?: HuntMatcherOptions;
  /** Hits of one rule × principal × resource less than this apart make one finding (default 60). */
  windowMinutes?: number;
  /** Options of the stateful detections (bounds, AWS networks). */
  stateful?: StatefulOptions;
}

export interface HuntResult {
  findings: Finding[];
  summary: FindingsSummary;
  /** How the sources were read: files, records, rejections (with locations and reasons). */
  trail: TrailSummary;
  rules: RuleInfo[];
}

function windowMs(minutes: number | undefined): number {
  if (minutes === undefined) return DEFAULT_WINDOW_MS;
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new GarrisonError('usage', 'the grouping window must be a positive number of minutes');
  return minutes * 60_000;
}

function grouperFor(rules: readonly { info: RuleInfo }[], minutes: number | undefined): FindingGrouper {
  return new FindingGrouper(new Map(rules.map((r) => [r.info.id, r.info])), windowMs(minutes));
}

/**
 * Hunts CloudTrail: runs the selected rules over every source (files, folders, stdin, S3,
 * LookupEvents, CloudWatch Logs) through the scanner, and groups what fires into findings.
 * Rules are loaded (and refused, with file and construct) before anything is read.
 */
export async function hunt(sources: readonly string[], options: HuntOptions = {}): Promise<HuntResult> {
  const selection = options.selection ?? {};
  const { rules, stateful } = await loadDetections(selection);
  if (rules.length + stateful.length === 0)
    throw new GarrisonError('usage', 'no rule left to run', { hint: 'check --only/--exclude' });
  const grouper = grouperFor([...rules, ...stateful], options.windowMinutes);
  const statefulOptions = options.stateful ?? {};
  const state = new StatefulRun(
    { ...statefulOptions, baselinesAbsorbed: true },
    stateful.map((s) => s.detection),
  );
  const { selection: _s, windowMinutes: _w, stateful: _o, ...read } = options;
  const matcher = huntMatcherSpec({ ...selection, windowMs: grouper.windowMs, statefulOptions });
  const run = readTrail<HuntMatch>(sources, { ...read, matcher });
  const gathering = new HuntGathering(grouper, state);
  for await (const event of run) gathering.take(event);
  const findings = gathering.findings();
  const matched = gathering.matched;
  // Rule hits come back grouped, not as records: 'matched' is the records that fired a rule.
  const trail = { ...run.summary, matched };
  return {
    findings,
    rules: [...rules, ...stateful].map((r) => r.info),
    trail,
    summary: {
      findings: findings.length,
      by_severity: countBySeverity(findings),
      rules: rules.length + stateful.length,
      records: trail.records,
      matched_records: matched,
      rejected_records: trail.rejected,
      files: trail.files,
      window_minutes: grouper.windowMs / 60_000,
    },
  };
}

/** Runs rules over records already in memory (rules test, library callers): the same grouping, no scanner. */
export function huntRecords(
  records: Iterable<CloudTrailRecord>,
  rules: readonly EngineRule[],
  windowMinutes?: number,
): Finding[] {
  const index = new RuleIndex(rules);
  const grouper = grouperFor(rules, windowMinutes);
  for (const record of records) {
    const fired = index.match(record);
    if (fired.length) grouper.add(hitOf(record, fired));
  }
  return grouper.findings(true);
}
