import { SEVERITIES } from '../cases/types.js';
import { safeJson } from '../cli/output/neutralise.js';
import { clip, html } from './escape.js';

/** Case and action statuses with a badge colour of their own; any other status gets the neutral one. */
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

/** A value from the case, clipped and escaped for a table cell. */
export const cell = (value: unknown, max = 300) => html(clip(String(value ?? ''), max));
export const sevBadge = (s: string) =>
  `<span class="badge sev-${(SEVERITIES as readonly string[]).includes(s) ? s : 'informational'}">${html(s)}</span>`;
export const statusBadge = (s: string) =>
  `<span class="badge st-${STATUSES.has(s) ? s : 'other'}">${html(s)}</span>`;
/** A time or short value that must not wrap mid-word: ISO times shown as `2026-11-27 16:26:00Z`. */
export const nw = (value: unknown) =>
  `<span class="nw">${html(String(value ?? '').replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/, '$1 $2Z'))}</span>`;
/** Raw evidence (a before or after state, an appendix value) as escaped, indented JSON. */
export const pre = (value: unknown) => `<pre>${html(safeJson(value ?? null, 2))}</pre>`;

/** A table of already-escaped cells, or a "none" line when there is no row. */
export function table(headers: string[], rows: string[][], empty = 'None.'): string {
  if (rows.length === 0) return `<p class="none">${html(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** One titled section of the report, its id the anchor a reader can link to. */
export function section(id: string, title: string, body: string, extraClass = ''): string {
  return `<section id="${id}"${extraClass ? ` class="${extraClass}"` : ''}><h2>${html(title)}</h2>${body}</section>`;
}
