import { CIS_METRIC_FILTERS } from '../cis/patterns.js';
import type { CheckMetadata } from './define.js';
import { READINESS_CHECKS } from './index.js';

/** One line of the check catalog: a check's metadata and the result ids it answers with. */
export interface CatalogEntry extends CheckMetadata {
  /** The ids its results carry (the check id, or one per CIS filter for the alarm check). */
  resultIds: string[];
  /** `per-region` when it answers once per audited region. */
  scope: 'account' | 'per-region';
}

const PER_REGION = new Set([
  'guardduty-enabled',
  'guardduty-findings-routed',
  'isolation-security-group',
  'ebs-default-encryption',
]);

/** The documentation of every readiness check, generated from its metadata (never written by hand). */
export function checkCatalog(): CatalogEntry[] {
  return READINESS_CHECKS.map((check) => ({
    ...check.meta,
    resultIds:
      check.meta.id === 'cloudwatch-cis-alarms'
        ? CIS_METRIC_FILTERS.map((f) => `cloudwatch-alarm-${f.id}`)
        : [check.meta.id],
    scope: PER_REGION.has(check.meta.id) ? 'per-region' : 'account',
  }));
}

/** The catalog as Markdown: a heading per check with why it matters, the fix and related controls. */
export function checkCatalogMarkdown(): string {
  const parts = ['# garrison readiness checks\n'];
  for (const c of checkCatalog()) {
    parts.push(`## ${c.id} (${c.severity}, ${c.scope})\n`);
    parts.push(`${c.title}.\n`);
    parts.push(`**Why it matters during an incident:** ${c.whyItMatters}\n`);
    parts.push(`**Remediation:** \`${c.remediation}\`\n`);
    if (c.controls.length) parts.push(`**Related controls:** ${c.controls.join(', ')}\n`);
    if (c.resultIds.length > 1) parts.push(`**Results:** ${c.resultIds.join(', ')}\n`);
  }
  return parts.join('\n');
}
