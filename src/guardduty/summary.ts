import { SEVERITIES } from '../detect/engine/detection.js';
import { countBySeverity, type FindingsSummary } from '../findings/finding.js';
import type { GuardDutyGarrisonFinding } from './convert.js';
import type { RejectedFinding } from './schema.js';

/** The summary written after GuardDuty findings (the same fields as hunt's, plus what was rejected). */
export interface GuardDutySummary extends FindingsSummary {
  rejected: RejectedFinding[];
  stored: { added: number; updated: number; case: string | null };
}

export function guardDutySummary(
  findings: readonly GuardDutyGarrisonFinding[],
  rejected: readonly RejectedFinding[],
  stored: GuardDutySummary['stored'],
  files = 0,
): GuardDutySummary {
  return {
    findings: findings.length,
    by_severity: countBySeverity(findings),
    rules: new Set(findings.map((f) => f.rule.id)).size,
    records: findings.length + rejected.length,
    matched_records: findings.length,
    rejected_records: rejected.length,
    files,
    window_minutes: 0,
    rejected: [...rejected],
    stored,
  };
}

/**
 * The human lines for stderr: counts by severity, where they were stored, and the first rejected
 * inputs with their reasons. The caller neutralises them for the terminal (reasons quote input).
 */
export function summaryLines(verb: string, s: GuardDutySummary, shown = 20): string[] {
  const bySeverity = SEVERITIES.slice()
    .reverse()
    .filter((sev) => s.by_severity[sev] > 0)
    .map((sev) => `${s.by_severity[sev]} ${sev}`);
  const where = s.stored.case ? `case ${s.stored.case}` : 'the case store, unassigned';
  const lines = [
    `guardduty ${verb}: ${s.findings} findings${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}, ` +
      `${s.rejected_records} rejected; ${s.stored.added} new and ${s.stored.updated} updated in ${where}`,
  ];
  for (const r of s.rejected.slice(0, shown))
    lines.push(`  rejected ${r.where}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
  if (s.rejected.length > shown)
    lines.push(`  ... and ${s.rejected.length - shown} more (see --format json)`);
  return lines;
}
