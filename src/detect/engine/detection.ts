import type { CloudTrailRecord } from '../../trail/record.js';
import type { RecordPeek } from '../../trail/scan/types.js';
import { SEVERITIES, type Severity } from '../rules/metadata.js';

/**
 * What the detection engine runs: any detection (the built-in pack's Sigma or predicate rules,
 * a user's Sigma rules) reduced to metadata an analyst reads and a pure test over one record.
 */
export { SEVERITIES, type Severity };

/** Orders severities: informational 0 ... critical 4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** A rule's metadata, as `rules list` shows it and findings carry it. */
export interface RuleInfo {
  /** The pack folder name, or a Sigma rule's file name without extension (readable, unique). */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** MITRE ATT&CK technique ids (`T1562.008`). */
  mitre: string[];
  /** Stratus Red Team technique ids. */
  stratus: string[];
  /** GuardDuty finding types it approximates. */
  guardduty: string[];
  /** CIS / Security Hub controls (`CloudWatch.1`). */
  cis: string[];
  falsePositives: string[];
  /** The containment playbook it suggests, or `none`. */
  playbook: string;
  tags: string[];
  references: string[];
  /** `pack` for garrison's built-in detections, `sigma` for rules loaded with --rules. */
  origin: 'pack' | 'sigma';
  /** The file that defines it. */
  file: string;
  /** A short handle: the pack folder or the Sigma file name without extension. */
  name: string;
  /** `sigma`, `predicate` (one record) or `stateful` (patterns across records). */
  logic: 'sigma' | 'predicate' | 'stateful';
  /** A Sigma rule's own `id` (a UUID in SigmaHQ rules), also accepted by --only/--exclude. */
  sigmaId?: string | undefined;
}

/** One detection ready to run. */
export interface EngineRule {
  info: RuleInfo;
  matches(record: CloudTrailRecord): boolean;
  /** eventName values (as written) the rule can match; undefined: it must see every record. */
  eventNames: ReadonlySet<string> | undefined;
  /** eventSource values the rule can match, for a rule bound to no eventName; undefined: any. */
  eventSources?: ReadonlySet<string> | undefined;
  /** A test on the raw record that never rejects a record the rule matches; undefined: none. */
  rawTest: ((peek: RecordPeek) => boolean) | undefined;
  /** Its own labelled events, when it has some. */
  examples?: { positive: unknown[]; negative: unknown[] } | undefined;
  /** The Sigma rule text, for `rules show`. */
  sigmaText?: string | undefined;
}
