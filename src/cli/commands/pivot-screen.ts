import { type Severity, severityRank } from '../../detect/engine/detection.js';
import type { PivotReport } from '../../investigate/pivot.js';
import type { Sighting } from '../../investigate/seen.js';
import { forTerminal } from '../output/neutralise.js';
import { textTable } from '../playbook-output.js';

const SHOW = 8;

function more(total: number, shown: number): string {
  return total > shown ? `  … and ${total - shown} more (--format json has them all)\n` : '';
}

function inline(list: readonly Sighting[], max = 10): string {
  const shown = list
    .slice()
    .sort((a, b) => b.count - a.count)
    .slice(0, max)
    .map((s) => `${s.value} (${s.count})`);
  return forTerminal(shown.join(', ') + (list.length > max ? `, … ${list.length - max} more` : '') || '-');
}

function section(title: string, count: number, body: string): string {
  return `\n${title} (${count})\n${body}`;
}

/** The pivot in one screen: each list capped, most telling first; the JSON format has everything. */
export function pivotScreen(report: PivotReport, label: string): string {
  const w = report.window;
  const out: string[] = [
    `${forTerminal(label)}: ${w.events} events${w.first ? ` from ${w.first} to ${w.last}` : ''}\n`,
  ];
  out.push(
    section(
      'IDENTITIES',
      report.identities.length,
      textTable(
        ['identity', 'type', 'keys', 'first seen', 'last seen', 'events'],
        [60, 12, 44, 20, 20],
        report.identities
          .slice(0, SHOW)
          .map((i) => [i.value, i.type, i.accessKeys.join(' '), i.first, i.last, i.count]),
      ) + more(report.identities.length, SHOW),
    ),
  );
  const links = [
    ...report.origins.map((o) => [
      '<-',
      o.accessKeyId,
      o.eventName,
      o.issuerKey ?? o.issuerPrincipal,
      o.subject,
      o.time,
    ]),
    ...report.sessions.map((s) => [
      `+${s.depth}`,
      s.accessKeyId,
      s.eventName,
      s.issuerKey ?? s.issuerPrincipal,
      s.subject,
      s.time,
    ]),
  ];
  out.push(
    section(
      'CREDENTIALS (<- how the starting key was issued; +n derived n hops from it)',
      links.length,
      textTable(
        ['hop', 'access key', 'via', 'issued by', 'acts as', 'at'],
        [4, 22, 20, 22, 50],
        links.slice(0, SHOW * 2),
      ) + more(links.length, SHOW * 2),
    ),
  );
  if (report.createdUsers.length) out.push(`users created: ${forTerminal(report.createdUsers.join(', '))}\n`);
  const seen = (title: string, list: readonly Sighting[], width: number) =>
    section(
      title,
      list.length,
      textTable(
        ['value', 'first seen', 'last seen', 'events'],
        [width, 20, 20],
        list.slice(0, SHOW).map((s) => [s.value, s.first, s.last, s.count]),
      ) + more(list.length, SHOW),
    );
  out.push(seen('SOURCE IPS', report.sourceIps, 40));
  out.push(seen('USER AGENTS', report.userAgents, 60));
  out.push(`\nregions: ${inline(report.regions)}\nservices: ${inline(report.services)}\n`);
  for (const kind of ['created', 'changed', 'deleted'] as const) {
    const list = report.resources[kind];
    out.push(
      section(
        `RESOURCES ${kind.toUpperCase()}`,
        list.length,
        textTable(
          ['resource', 'by', 'first', 'count'],
          [64, 40, 20],
          list.slice(0, SHOW).map((r) => [r.value, r.events.join(' '), r.first, r.count]),
        ) + more(list.length, SHOW),
      ),
    );
  }
  out.push(`\nresources read (${report.resources.read.length}): ${inline(report.resources.read, 5)}\n`);
  out.push(
    section(
      'FAILED CALLS',
      report.failedCalls.length,
      textTable(
        ['error', 'call', 'first', 'last', 'count'],
        [24, 40, 20, 20],
        report.failedCalls.slice(0, SHOW).map((f) => [f.errorCode, f.value, f.first, f.last, f.count]),
      ) + more(report.failedCalls.length, SHOW),
    ),
  );
  out.push(
    section(
      'DETECTIONS',
      report.detections.length,
      textTable(
        ['severity', 'rule', 'first', 'last', 'events'],
        [13, 52, 20, 20],
        report.detections
          .slice()
          .sort((a, b) => severityRank(b.severity as Severity) - severityRank(a.severity as Severity))
          .map((d) => [d.severity, d.value, d.first, d.last, d.count]),
      ),
    ),
  );
  return out.join('');
}
