import { activitySvg } from './chart-svg.js';
import { cell, nw, sevBadge } from './html-parts.js';
import type { ReportModel } from './model.js';

/** The Timeline section: the activity chart, then every event, finding and action in time order. */
export function timelineHtml(r: ReportModel): string {
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
