import type { RuleInfo, Severity } from '../detect/engine/detection.js';
import { severityRank } from '../detect/engine/detection.js';

/**
 * A finding: one rule firing for one principal on one resource within a time window, with the
 * events behind it. This is the JSON shape `garrison hunt --format json` prints (snake_case).
 */
export interface Finding {
  id: string;
  rule: {
    id: string;
    title: string;
    severity: Severity;
    mitre: string[];
    stratus: string[];
    guardduty: string[];
  };
  severity: Severity;
  title: string;
  description: string;
  principal: string;
  accounts: string[];
  regions: string[];
  resources: string[];
  source_ips: string[];
  user_agents: string[];
  event_names: string[];
  first_seen: string;
  last_seen: string;
  count: number;
  /** The ids of the events behind it, earliest first; the first MAX_EVENT_IDS when there are more. */
  event_ids: string[];
  event_ids_truncated: boolean;
  playbook: string;
}

export interface FindingsSummary {
  findings: number;
  by_severity: Record<Severity, number>;
  rules: number;
  records: number;
  matched_records: number;
  rejected_records: number;
  files: number;
  window_minutes: number;
}

export function ruleRef(info: RuleInfo): Finding['rule'] {
  return {
    id: info.id,
    title: info.title,
    severity: info.severity,
    mitre: info.mitre,
    stratus: info.stratus,
    guardduty: info.guardduty,
  };
}

/** Most severe first, then earliest first. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.first_seen.localeCompare(b.first_seen) ||
    a.rule.id.localeCompare(b.rule.id) ||
    a.id.localeCompare(b.id)
  );
}

/** True when at least one finding is at or above the severity (for --fail-on). */
export function anyAtOrAbove(findings: readonly Finding[], severity: Severity): boolean {
  const floor = severityRank(severity);
  return findings.some((f) => severityRank(f.severity) >= floor);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, informational: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
