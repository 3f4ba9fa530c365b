import { clip, html } from './escape.js';
import { cell, nw, sevBadge, table } from './html-parts.js';
import type { ReportModel } from './model.js';

/** The Findings section: severity, title with its source and rule, principal, when, how often, from where. */
export function findingsHtml(r: ReportModel): string {
  return table(
    ['Severity', 'Finding', 'Principal', 'First – last seen', 'Events', 'Seen from'],
    r.findings.map(({ finding: f, source }) => [
      sevBadge(f.severity),
      `<div class="wide">${cell(f.title)}<br><span class="meta">${cell(source)} · <span class="mono">${cell(f.rule.id)}</span></span></div>`,
      cell(f.principal, 160),
      `${nw(f.first_seen)}<br>${nw(f.last_seen)}`,
      String(f.count),
      `${f.source_ips
        .slice(0, 5)
        .map((ip) => nw(clip(ip, 60)))
        .join(
          '<br>',
        )}${f.user_agents.length ? `<br><span class="meta">${cell(f.user_agents.join(', '), 160)}</span>` : ''}`,
    ]),
    'No finding is attached to the case.',
  );
}

/** The Indicators of compromise section. */
export function iocsHtml(r: ReportModel): string {
  return table(
    ['Kind', 'Value', 'First seen', 'Last seen', 'Count', 'Source'],
    r.iocs.map((i) => [
      cell(i.kind),
      `<span class="mono">${cell(i.value)}</span>`,
      nw(i.first),
      nw(i.last),
      String(i.count),
      cell(i.source),
    ]),
    'No indicator is recorded.',
  );
}

/** The Blast radius section: the malicious principals, then every resource they wrote or read. */
export function blastRadiusHtml(r: ReportModel): string {
  const b = r.blastRadius;
  return `<p>Malicious principals (from ${html(b.basis)}): ${b.principals.map((p) => `<span class="mono">${cell(p, 160)}</span>`).join(', ') || '<span class="none">none known</span>'}</p>${table(
    ['Resource', 'Writes', 'Reads', 'Calls', 'By', 'First – last'],
    b.resources.map((x) => [
      `<span class="mono">${cell(x.resource)}</span>`,
      String(x.writes),
      String(x.reads),
      x.calls
        .slice(0, 12)
        .map((c) => nw(clip(c, 80)))
        .join('<br>'),
      cell(x.principals.join(', '), 160),
      `${nw(x.first)}<br>${nw(x.last)}`,
    ]),
    'No touched resource is known.',
  )}`;
}
