import { createInterface } from 'node:readline/promises';
import type { ReleaseResult, RunResult, StepStatus, UndoStatus } from '../respond/runner/outcome.js';
import { forTerminal } from './output/neutralise.js';
import { fit } from './output/table.js';

/** A plain table: fixed widths (the last column free), every cell neutralised for the terminal. */
export function textTable(
  headers: readonly string[],
  widths: readonly number[],
  rows: readonly unknown[][],
): string {
  const line = (cells: readonly unknown[]) =>
    cells
      .map((cell, i) => {
        const text = cell === undefined || cell === null || cell === '' ? '-' : forTerminal(String(cell));
        const width = widths[i];
        return i === cells.length - 1 || width === undefined ? text : fit(text, width);
      })
      .join('  ')
      .trimEnd();
  return [line(headers.map((h) => h.toUpperCase())), ...rows.map(line)].join('\n') + '\n';
}

const STEP_WORDS: Record<StepStatus, string> = {
  'would-change': 'would change',
  'nothing-to-do': 'nothing to do',
  applied: 'applied, verified',
  unverified: 'NOT VERIFIED',
  failed: 'FAILED',
  blocked: 'not run',
  'done-earlier': 'done earlier',
  resumed: 'resumed, verified',
};

/** A playbook run as a table: one row per step, then a one-line verdict. */
export function renderRun(result: RunResult): string {
  const rows = result.outcomes.map((o) => [o.stepId, STEP_WORDS[o.status], o.summary, o.detail]);
  return (
    textTable(['step', 'status', 'change', 'detail'], [22, 17, 48], rows) +
    `${forTerminal(runVerdict(result))}\n`
  );
}

export function runVerdict(result: RunResult): string {
  const where = `${result.playbook} on ${result.target}`;
  if (result.alreadyDone) return `${where}: nothing to do, every step was already done.`;
  if (result.status === 'planned')
    return `${where}: dry run, nothing changed (add --apply to make these changes).`;
  if (result.status === 'failed') return `${where}: some steps failed; the steps after them did not run.`;
  if (result.status === 'partial') return `${where}: applied, but some steps are NOT verified.`;
  return `${where}: every step applied and verified.`;
}

const UNDO_WORDS: Record<UndoStatus, string> = {
  'would-undo': 'would undo',
  undone: 'undone',
  'undo-failed': 'UNDO FAILED',
  irreversible: 'kept (irreversible)',
  'evidence-kept': 'kept (evidence)',
  'unknown-step': 'UNKNOWN STEP',
};

/** A release as a table: one row per journaled change, newest first, then a verdict. */
export function renderRelease(result: ReleaseResult): string {
  if (result.status === 'nothing-to-release')
    return `${forTerminal(`case ${result.caseId}: nothing to release.`)}\n`;
  const rows = result.outcomes.map((o) => [
    o.actionId,
    `${o.playbook}:${o.stepId}`,
    o.target,
    UNDO_WORDS[o.status],
    o.detail,
  ]);
  const verdict = {
    planned: 'dry run, nothing changed (add --apply to undo these changes).',
    complete: 'every reversible change undone; evidence kept.',
    partial: 'some changes could not be matched to a step of this garrison and were left in place.',
    failed: 'some undo steps FAILED; see the detail column.',
  }[result.status];
  return (
    textTable(['entry', 'step', 'target', 'release', 'detail'], [6, 30, 22, 19], rows) +
    `${forTerminal(`case ${result.caseId}: ${verdict}`)}\n`
  );
}

/** Asks a yes/no question on the terminal; anything but y/yes (an empty answer, end of input) is no. */
export async function confirm(
  question: string,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stderr,
  },
): Promise<boolean> {
  const rl = createInterface({ input: io.input, output: io.output });
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  try {
    const answer = await Promise.race([rl.question(`${question} [y/N] `), closed]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
