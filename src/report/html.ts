import { createHash } from 'node:crypto';
import { html } from './escape.js';
import { lessonsHtml } from './html-lessons.js';
import { cell, pre, section, sevBadge, statusBadge, table } from './html-parts.js';
import { actionsHtml, evidenceHtml } from './html-response.js';
import { blastRadiusHtml, findingsHtml, iocsHtml } from './html-scope.js';
import { REPORT_CSS } from './html-style.js';
import { timelineHtml } from './html-timeline.js';
import type { ReportModel } from './model.js';

/** The Content-Security-Policy of the report: nothing loads, nothing runs; only its own stylesheet applies. */
export function reportCsp(css: string = REPORT_CSS): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

function metrics(r: ReportModel): string {
  return `<div class="cards">${r.metrics
    .map(
      (m) =>
        `<div class="card"><div class="label">${html(m.label)}</div><div class="value${m.ms === null ? ' unknown' : ''}">${html(m.display)}</div><div class="how">${html(m.method)}</div></div>`,
    )
    .join('')}</div>`;
}

/** The report as one self-contained HTML page: inline CSS and SVG, no script, a strict CSP, print-ready. */
export function renderHtml(r: ReportModel): string {
  const c = r.case;
  const body = [
    `<header class="cover"><p class="eyebrow">Post-incident report · ${html(c.id)}</p><h1>${cell(c.title, 200)}</h1><p class="meta">${sevBadge(c.severity)} ${statusBadge(c.status)} · opened ${html(c.createdAt)} by ${cell(c.createdBy)} · generated ${html(r.generatedAt)} by ${html(r.generator)}</p></header>`,
    section(
      'summary',
      'Executive summary',
      `<div class="summary"><p><strong>What happened.</strong> ${html(r.summary.whatHappened)}</p><p><strong>Impact.</strong> ${html(r.summary.impact)}</p><p><strong>Status.</strong> ${html(r.summary.status)}</p>${c.summary ? `<p><strong>Analyst summary.</strong> ${cell(c.summary, 2000)}</p>` : ''}</div>${metrics(r)}`,
    ),
    section('timeline', 'Timeline', timelineHtml(r)),
    section('findings', 'Findings', findingsHtml(r)),
    section('actions', 'Response actions', actionsHtml(r)),
    section('evidence', 'Evidence and chain of custody', evidenceHtml(r)),
    section('iocs', 'Indicators of compromise', iocsHtml(r)),
    section('blast-radius', 'Blast radius', blastRadiusHtml(r)),
    section('lessons', 'Lessons learned', lessonsHtml(r)),
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
