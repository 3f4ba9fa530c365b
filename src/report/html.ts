import { createHash } from 'node:crypto';
import { SEVERITIES } from '../cases/types.js';
import { safeJson } from '../cli/output/neutralise.js';
import { activitySvg } from './chart-svg.js';
import { formatDuration } from './durations.js';
import { clip, html } from './escape.js';
import { REPORT_CSS } from './html-style.js';
import type { ReportModel } from './model.js';

const STATUSES = new Set([
  'open',
  'contained',
  'recovered',
  'closed',
  'verified',
  'unchanged',
  'failed',
  'unverified',
  'undo-failed',
]);

/** The Content-Security-Policy of the report: nothing loads, nothing runs; only its own stylesheet applies. */
export function reportCsp(css: string = REPORT_CSS): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

const cell = (value: unknown, max = 300) => html(clip(String(value ?? ''), max));
const sevBadge = (s: string) =>
  `<span class="badge sev-${(SEVERITIES as readonly string[]).includes(s) ? s : 'informational'}">${html(s)}</span>`;
const statusBadge = (s: string) =>
  `<span class="badge st-${STATUSES.has(s) ? s : 'other'}">${html(s)}</span>`;
/** A time or short value that must not wrap mid-word: ISO times shown as `2026-11-27 16:26:00Z`. */
const nw = (value: unknown) =>
  `<span class="nw">${html(String(value ?? '').replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/, '$1 $2Z'))}</span>`;
const pre = (value: unknown) => `<pre>${html(safeJson(value ?? null, 2))}</pre>`;

function table(headers: string[], rows: string[][], empty = 'None.'): string {
  if (rows.length === 0) return `<p class="none">${html(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function section(id: string, title: string, body: string, extraClass = ''): string {
  return `<section id="${id}"${extraClass ? ` class="${extraClass}"` : ''}><h2>${html(title)}</h2>${body}</section>`;
}

function metrics(r: ReportModel): string {
  return `<div class="cards">${r.metrics
    .map(
      (m) =>
        `<div class="card"><div class="label">${html(m.label)}</div><div class="value${m.ms === null ? ' unknown' : ''}">${html(m.display)}</div><div class="how">${html(m.method)}</div></div>`,
    )
    .join('')}</div>`;
}

function timeline(r: ReportModel): string {
  const chart = r.chart
    ? `<div class="figure">${activitySvg(r.chart)}</div>`
    : '<p class="none">No activity to chart.</p>';
  const rows = r.timeline.map(
    (t) =>
      `<tr class="kind-${t.kind}"><td>${nw(t.at)}</td><td>${nw(t.kind)}</td><td>${cell(t.title)}</td><td>${cell(t.who, 160)}</td><td>${t.severity ? sevBadge(t.severity) : ''}</td><td>${cell(t.detail)}</td></tr>`,
  );
  const list =
    rows.length === 0
      ? '<p class="none">Nothing to show.</p>'
      : `<table><thead><tr><th>Time (UTC)</th><th>Kind</th><th>What</th><th>Who</th><th>Severity</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return chart + list;
}

function actions(r: ReportModel): string {
  if (r.actions.length === 0) return '<p class="none">No response action was journaled.</p>';
  return r.actions
    .map(
      (
        a,
      ) => `<div class="action"><h3>#${a.id} ${html(a.kind)} <span class="mono">${cell(a.step)}</span> on <span class="mono">${cell(a.target)}</span> ${statusBadge(a.status)}</h3>
<p>${cell(a.summary)}</p><p class="meta">By ${cell(a.who)} · started ${nw(a.startedAt)} · finished ${nw(a.finishedAt ?? 'not finished')} · verify: ${cell(a.verify)}${a.requestIds.length ? ` · AWS request ids: <span class="mono">${cell(a.requestIds.join(', '))}</span>` : ''}${a.error ? ` · <span class="warn">error: ${cell(a.error)}</span>` : ''}</p>
<div class="states"><div><h4>Before</h4>${pre(a.before)}</div><div><h4>After</h4>${pre(a.after)}</div></div></div>`,
    )
    .join('');
}

function evidence(r: ReportModel): string {
  const items = table(
    ['#', 'Kind', 'AWS ids', 'SHA-256', 'Location', 'Collected', 'Chain of custody'],
    r.evidence.map((e) => [
      String(e.id),
      nw(clip(e.kind, 60)),
      `<span class="mono">${e.awsIds.map((id) => nw(clip(id, 120))).join('<br>')}</span>`,
      `<span class="mono">${e.sha256 ? html(e.sha256) : '<span class="none">none stored</span>'}</span>`,
      cell(e.location ?? ''),
      `${nw(e.collectedAt)}<br>${cell(e.collectedBy)}<br>${cell(e.description)}`,
      e.custody
        .map((c) => `${nw(c.at)}: ${cell(c.event)} by ${cell(c.actor)}${c.note ? ` (${cell(c.note)})` : ''}`)
        .join('<br>'),
    ]),
    'No evidence was collected.',
  );
  const sources = r.eventSources
    .map((s) => {
      const hash =
        s.hashMatches === null
          ? 'no hash stored'
          : s.hashMatches
            ? 'SHA-256 matches'
            : '<span class="warn">SHA-256 DOES NOT MATCH</span>';
      return `<li>Evidence #${s.evidenceId} (<span class="mono">${cell(s.location)}</span>): ${s.events} events read, ${hash}${s.problem ? ` · <span class="warn">${cell(s.problem)}</span>` : ''}</li>`;
    })
    .join('');
  return items + (sources ? `<ul>${sources}</ul>` : '');
}

function lessons(r: ReportModel): string {
  const l = r.lessons;
  const alarms = table(
    ['Alarm', 'Control', 'Matching events', 'First match', 'In place', 'Verdict'],
    l.alarms.map((a) => [
      nw(a.filter),
      nw(a.control ?? ''),
      String(a.matches),
      nw(a.firstMatch ?? ''),
      nw(a.inPlace),
      cell(a.verdict),
    ]),
    'No CIS metric filter matches the malicious events the case holds.',
  );
  const failed = l.readiness.failed.length
    ? table(
        ['Check', 'Region', 'Detail', 'Remediation'],
        l.readiness.failed.map((f) => [cell(f.id), cell(f.region), cell(f.detail), cell(f.remediation)]),
      )
    : '';
  const late = table(
    ['Finding', 'Rule', 'Principal', 'First event', 'First seen', 'Late by'],
    l.lateDetections.map((d) => [
      cell(d.finding),
      cell(d.rule),
      cell(d.principal, 160),
      nw(d.firstEvent),
      nw(d.firstSeen),
      nw(formatDuration(d.delayMs)),
    ]),
    `No finding was first seen more than ${formatDuration(l.lateThresholdMs)} after its principal's first malicious event.`,
  );
  return `<h3>Alarms that should have fired</h3>${alarms}<h3>Readiness at the time</h3><p>${html(l.readiness.text)}</p>${failed}<h3>Detections that fired late</h3>${late}`;
}

/** The report as one self-contained HTML page: inline CSS and SVG, no script, a strict CSP, print-ready. */
export function renderHtml(r: ReportModel): string {
  const c = r.case;
  const b = r.blastRadius;
  const body = [
    `<header class="cover"><p class="eyebrow">Post-incident report · ${html(c.id)}</p><h1>${cell(c.title, 200)}</h1><p class="meta">${sevBadge(c.severity)} ${statusBadge(c.status)} · opened ${html(c.createdAt)} by ${cell(c.createdBy)} · generated ${html(r.generatedAt)} by ${html(r.generator)}</p></header>`,
    section(
      'summary',
      'Executive summary',
      `<div class="summary"><p><strong>What happened.</strong> ${html(r.summary.whatHappened)}</p><p><strong>Impact.</strong> ${html(r.summary.impact)}</p><p><strong>Status.</strong> ${html(r.summary.status)}</p>${c.summary ? `<p><strong>Analyst summary.</strong> ${cell(c.summary, 2000)}</p>` : ''}</div>${metrics(r)}`,
    ),
    section('timeline', 'Timeline', timeline(r)),
    section(
      'findings',
      'Findings',
      table(
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
      ),
    ),
    section('actions', 'Response actions', actions(r)),
    section('evidence', 'Evidence and chain of custody', evidence(r)),
    section(
      'iocs',
      'Indicators of compromise',
      table(
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
      ),
    ),
    section(
      'blast-radius',
      'Blast radius',
      `<p>Malicious principals (from ${html(b.basis)}): ${b.principals.map((p) => `<span class="mono">${cell(p, 160)}</span>`).join(', ') || '<span class="none">none known</span>'}</p>${table(
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
      )}`,
    ),
    section('lessons', 'Lessons learned', lessons(r)),
    r.notes.length
      ? section(
          'notes',
          'Analyst notes',
          table(
            ['When', 'Author', 'Note'],
            r.notes.map((n) => [cell(n.createdAt), cell(n.author), cell(n.text, 2000)]),
          ),
        )
      : '',
    section(
      'appendix',
      'Appendix: raw evidence',
      r.appendix
        .map((a) => `<details><summary>${html(a.title)}</summary>${pre(a.value)}</details>`)
        .join('') || '<p class="none">No raw evidence.</p>',
      'appendix',
    ),
    `<footer>${html(r.generator)} · ${html(c.id)} · generated ${html(r.generatedAt)}. Values that came from CloudTrail or GuardDuty are shown escaped; control characters appear as \\x escapes.</footer>`,
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Incident report: ${cell(c.title, 120)}</title>
<style>${REPORT_CSS}</style></head>
<body><main>${body.join('\n')}</main></body></html>
`;
}
