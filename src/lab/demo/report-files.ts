/** The demo's report: the case rendered as Markdown, self-contained HTML and JSON beside each other. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CaseStore } from '../../cases/store.js';
import { buildReport } from '../../report/build.js';
import { reportInput } from '../../report/case-input.js';
import type { Metric } from '../../report/model.js';
import { REPORT_FORMATS, renderReport } from '../../report/render.js';

export interface ReportFiles {
  md: string;
  html: string;
  json: string;
  metrics: Pick<Metric, 'id' | 'ms' | 'display'>[];
}

export async function writeCaseReport(store: CaseStore, caseId: string, dir: string): Promise<ReportFiles> {
  const model = buildReport(reportInput(store, caseId));
  await mkdir(dir, { recursive: true });
  const paths: Record<string, string> = {};
  for (const format of REPORT_FORMATS) {
    const path = resolve(join(dir, `report.${format}`));
    await writeFile(path, renderReport(model, format), { mode: 0o600 });
    paths[format] = path;
  }
  return {
    md: paths.md as string,
    html: paths.html as string,
    json: paths.json as string,
    metrics: model.metrics.map((m) => ({ id: m.id, ms: m.ms, display: m.display })),
  };
}
