import type { CloudTrailRecord } from '../../trail/record.js';

/**
 * The shape every detection has, whether it comes from the built-in pack (src/detect/rules/<id>/)
 * or from a user's Sigma rule: metadata an analyst reads, and logic that is either Sigma YAML or a
 * small pure predicate over one record. Detections never call AWS, print or read the clock.
 */
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Orders severities: informational 0 ... critical 4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export interface DetectionMeta {
  /** Unique, stable, kebab-case for the pack (e.g. `cloudtrail-logging-stopped`); a Sigma rule's id or file name. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** MITRE ATT&CK technique ids, e.g. `T1562.008`. */
  mitre: string[];
  /** Stratus Red Team technique ids, e.g. `aws.defense-evasion.cloudtrail-stop`. */
  stratus: string[];
  /** GuardDuty finding types this approximates, e.g. `Stealth:IAMUser/CloudTrailLoggingDisabled`. */
  guardduty: string[];
  falsePositives: string[];
  /** The containment playbook it suggests (a name under src/respond/playbooks/), if any. */
  playbook?: string | undefined;
  /** Free tags for --only/--exclude (e.g. `cis`, `stratus`, `attack.defense-evasion`). */
  tags?: string[] | undefined;
  references?: string[] | undefined;
}

/** Labelled example records: the detection must fire on every positive and on no negative. */
export interface DetectionExamples {
  positive: CloudTrailRecord[];
  negative: CloudTrailRecord[];
}

/** A predicate detection: a pure function of one record. */
export interface PredicateLogic {
  /** True when the record is what the detection looks for. */
  match(record: CloudTrailRecord): boolean;
  /**
   * The eventName values the predicate can ever match (the engine indexes on them, so the
   * predicate is not called for other records). Omit only when it must see every record.
   */
  eventNames?: readonly string[] | undefined;
}

/**
 * One detection. Give exactly one of `sigma` (the YAML text of one Sigma rule, whose detection
 * and logsource are used; the metadata here wins over the YAML's) or `predicate`.
 */
export interface Detection extends DetectionMeta {
  sigma?: string | undefined;
  predicate?: PredicateLogic | undefined;
  examples?: DetectionExamples | undefined;
  /** Where it was defined (folder or file), for error messages and `rules show`. */
  source?: string | undefined;
}
