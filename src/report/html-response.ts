import { clip, html } from './escape.js';
import { cell, nw, pre, statusBadge, table } from './html-parts.js';
import type { ReportModel } from './model.js';

/** The Response actions section: each journaled step with who, when, its verification and before/after state. */
export function actionsHtml(r: ReportModel): string {
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

/** The Evidence section: items with hashes and chain of custody, then whether each event source still matches its hash. */
export function evidenceHtml(r: ReportModel): string {
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
