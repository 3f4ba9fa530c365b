import { safeJson } from '../cli/output/neutralise.js';
import type { OutputSink } from '../cli/output/sink.js';
import { createWriter } from '../cli/output/writers.js';
import { type AsffTarget, toAsff } from './asff.js';
import { FINDING_WRITER } from './columns.js';
import type { Finding, FindingsSummary } from './finding.js';
import { toOcsf } from './ocsf.js';

export const FINDING_FORMATS = ['table', 'json', 'ndjson', 'csv', 'ocsf', 'asff'] as const;
export type FindingFormat = (typeof FINDING_FORMATS)[number];

/**
 * Writes findings in one format: table/csv/ndjson/json through the shared writers (JSON is
 * `{"findings":[...],"summary":{...}}`), `ocsf` as a JSON array of Detection Findings, `asff`
 * as `{"Findings":[...]}`, the input BatchImportFindings takes (at most 100 per call).
 */
export async function writeFindings(
  sink: OutputSink,
  format: FindingFormat,
  findings: readonly Finding[],
  summary: FindingsSummary,
  asff: AsffTarget = {},
): Promise<void> {
  if (format === 'ocsf' || format === 'asff') {
    const items = format === 'ocsf' ? findings.map(toOcsf) : findings.map((f) => toAsff(f, asff));
    const open = format === 'ocsf' ? '[' : '{"Findings":[';
    const close = format === 'ocsf' ? ']' : ']}';
    await sink.write(open);
    for (let i = 0; i < items.length; i++) await sink.write(`${i ? ',' : ''}\n${safeJson(items[i])}`);
    await sink.write(`${items.length ? '\n' : ''}${close}\n`);
    return;
  }
  const writer = createWriter(format, sink, FINDING_WRITER);
  for (const finding of findings) await writer.write(finding);
  await writer.end(summary);
}
