import { countBySeverity } from '../findings/finding.js';
import type { Milestones } from './milestones.js';
import type { BlastRadius, ExecutiveSummary, Metric, ReportInput } from './model.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function listed(items: readonly string[], max = 3): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** The executive summary, in plain words, from the case's findings, actions and evidence. */
export function executiveSummary(
  input: ReportInput,
  m: Milestones,
  metrics: Metric[],
  blast: BlastRadius,
): ExecutiveSummary {
  const c = input.case;
  const findings = input.findings.map((f) => f.finding);
  const bySeverity = countBySeverity(findings);
  const severe = (['critical', 'high', 'medium', 'low', 'informational'] as const)
    .filter((s) => bySeverity[s] > 0)
    .map((s) => `${bySeverity[s]} ${s}`);
  const rules = [...new Set(findings.map((f) => f.title))];
  const whatHappened =
    findings.length === 0
      ? `The case holds no findings${input.events.length ? ` but ${plural(input.events.length, 'CloudTrail event')}` : ''}.`
      : `${plural(findings.length, 'finding')} (${severe.join(', ')}) involving ${plural(blast.principals.length, 'principal')} (${listed(blast.principals)}): ${listed(rules)}.` +
        (m.firstMaliciousEvent.at ? ` The first malicious activity was at ${m.firstMaliciousEvent.at}.` : '');
  const writes = blast.resources.filter((r) => r.writes > 0);
  const reads = blast.resources.filter((r) => r.writes === 0);
  const impact =
    blast.resources.length === 0
      ? 'No touched resources are known from the case data.'
      : `${plural(writes.length, 'resource')} changed (${listed(writes.map((r) => r.resource))}) and ${plural(reads.length, 'resource')} only read (${listed(reads.map((r) => r.resource))}).`;
  const standing = input.actions.filter((a) => a.kind === 'apply');
  const verified = standing.filter((a) => a.status === 'verified' || a.status === 'unchanged').length;
  const contain = metrics.find((x) => x.id === 'time-to-contain');
  const detect = metrics.find((x) => x.id === 'time-to-detect');
  const status =
    `The case is ${c.status}. ${plural(standing.length, 'response step')} journaled, ${verified} verified; ` +
    `${plural(input.evidence.length, 'evidence item')} preserved with chain of custody. ` +
    `Time to detect: ${detect?.display ?? 'unknown'}; time to contain: ${contain?.display ?? 'unknown'}.`;
  return { headline: `${c.title} (${c.severity} severity, ${c.status})`, whatHappened, impact, status };
}
