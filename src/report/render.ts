import { safeJson } from '../cli/output/neutralise.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ReportModel } from './model.js';

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in one format: Markdown, self-contained HTML, or the model as JSON. */
export function renderReport(model: ReportModel, format: ReportFormat): string {
  if (format === 'html') return renderHtml(model);
  if (format === 'md') return renderMarkdown(model);
  return `${safeJson(model, 2)}\n`;
}
