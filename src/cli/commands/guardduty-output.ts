import type { Command } from 'commander';
import { anyAtOrAbove } from '../../findings/finding.js';
import { writeFindings } from '../../findings/write.js';
import { toGarrisonFinding } from '../../guardduty/convert.js';
import type { FindingBatch } from '../../guardduty/documents.js';
import { saveGuardDutyFindings } from '../../guardduty/store.js';
import { guardDutySummary, summaryLines } from '../../guardduty/summary.js';
import { openCaseStore } from '../case-store.js';
import { globalOptions } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal } from '../output/neutralise.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import type { OutputFlags } from './guardduty-options.js';

/** Fails fast on a --case that does not exist, before reading anything. */
export function checkCase(command: Command, caseId: string | undefined): void {
  if (!caseId) return;
  const store = openCaseStore(command);
  try {
    store.cases.get(caseId);
  } finally {
    store.close();
  }
}

/** One line for the analyst on stderr, neutralised for the terminal. */
export const say = (line: string) => process.stderr.write(`${forTerminal(line)}\n`);

/** Converts, stores (in --case or unassigned), writes and summarises a batch; exit 2 on rejects. */
export async function storeAndWriteFindings(
  verb: string,
  batch: FindingBatch,
  flags: OutputFlags,
  command: Command,
  files = 0,
): Promise<void> {
  const findings = batch.findings.map(toGarrisonFinding);
  const store = openCaseStore(command);
  let stored: { added: number; updated: number };
  try {
    stored = saveGuardDutyFindings(store, findings, flags.case);
  } finally {
    store.close();
  }
  const summary = guardDutySummary(findings, batch.rejected, { ...stored, case: flags.case ?? null }, files);
  const sink: OutputSink = flags.output ? await fileSink(flags.output) : streamSink(process.stdout);
  const format = flags.format ?? (sink.isTerminal && !flags.output ? 'table' : 'json');
  try {
    await writeFindings(sink, format, findings, summary, { region: globalOptions(command).region });
    await sink.close();
  } catch (error) {
    if ((error as { code?: string }).code !== 'EPIPE') throw error;
  }
  for (const line of summaryLines(verb, summary)) say(line);
  if (batch.rejected.length) raiseExitCode(ExitCode.partial);
  if (flags.failOn && anyAtOrAbove(findings, flags.failOn)) raiseExitCode(ExitCode.findings);
}
