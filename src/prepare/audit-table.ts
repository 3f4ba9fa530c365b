import type { AuditReport, CheckResult } from './audit.js';

const MARK: Record<CheckResult['status'], string> = {
  pass: 'ok',
  fail: 'FAIL',
  error: 'ERR',
  not_applicable: 'n/a',
};

/** Checks answered per region (results in two or more regions): shown as one column each in the region table. */
export function regionalCheckIds(report: AuditReport): string[] {
  const regionsOf = new Map<string, Set<string>>();
  for (const c of report.checks) regionsOf.set(c.id, (regionsOf.get(c.id) ?? new Set()).add(c.region));
  return [...regionsOf].filter(([, regions]) => regions.size > 1 && !regions.has('global')).map(([id]) => id);
}

/**
 * The per-region table: a row per region, a column per regional check (GuardDuty, isolation,
 * EBS encryption...), each cell the status. Plain text lines; the caller neutralises and prints them.
 */
export function regionTable(report: AuditReport): string[] {
  const ids = regionalCheckIds(report);
  if (ids.length === 0) return [];
  const regions = [...new Set(report.checks.filter((c) => ids.includes(c.id)).map((c) => c.region))].sort();
  const regionWidth = Math.max(6, ...regions.map((r) => r.length));
  const row = (first: string, cells: string[]) =>
    `${first.padEnd(regionWidth)}  ${cells.map((c, i) => c.padEnd(ids[i]?.length ?? 4)).join('  ')}`.trimEnd();
  const lines = [
    row(
      'REGION',
      ids.map((id) => id.toUpperCase()),
    ),
  ];
  for (const region of regions) {
    const cells = ids.map((id) => {
      const found = report.checks.find((c) => c.id === id && c.region === region);
      return found ? MARK[found.status] : '-';
    });
    lines.push(row(region, cells));
  }
  return lines;
}

/** The account-wide checks (everything not in the region table): one line each with its status and detail. */
export function accountTable(report: AuditReport): string[] {
  const regional = new Set(regionalCheckIds(report));
  const rows = report.checks.filter((c) => !regional.has(c.id));
  const idWidth = Math.max(5, ...rows.map((c) => c.id.length));
  const regionWidth = Math.max(6, ...rows.map((c) => c.region.length));
  const line = (id: string, region: string, status: string, detail: string) =>
    `${id.padEnd(idWidth)}  ${region.padEnd(regionWidth)}  ${status.padEnd(6)}  ${detail}`.trimEnd();
  return [
    line('CHECK', 'REGION', 'STATUS', 'DETAIL'),
    ...rows.map((c) => line(c.id, c.region, MARK[c.status], c.detail)),
  ];
}

/** What failed or could not be read, with the detail and the fix (each fix once): for stderr under the table. */
export function problems(report: AuditReport): string[] {
  const lines: string[] = [];
  const fixesShown = new Set<string>();
  for (const c of report.checks) {
    if (c.status !== 'fail' && c.status !== 'error') continue;
    lines.push(`${MARK[c.status]} ${c.id} [${c.region}]: ${c.detail}`);
    if (c.status === 'fail' && !fixesShown.has(c.remediation)) {
      fixesShown.add(c.remediation);
      lines.push(`    fix: ${c.remediation}`);
    }
  }
  return lines;
}

export function statusCounts(report: AuditReport): Record<CheckResult['status'], number> {
  const counts = { pass: 0, fail: 0, error: 0, not_applicable: 0 };
  for (const c of report.checks) counts[c.status]++;
  return counts;
}
