import type { JsonValue } from '../../cases/types.js';

/**
 * How one step ended in a run:
 * - would-change: dry run, the plan changes something
 * - nothing-to-do: the target is already as the step wants it (state verified)
 * - applied: changed, and verify read the change back
 * - unverified: changed (or said to be unchanged) but verify did not see the wanted state: exit status 2
 * - failed: plan, apply or verify threw; - blocked: a step it depends on failed (or the run was cancelled)
 * - done-earlier: a previous run of this case applied it and verify still sees it: nothing done
 * - resumed: a previous run died during apply; verify shows the change happened, so it was not repeated
 */
export type StepStatus =
  | 'would-change'
  | 'nothing-to-do'
  | 'applied'
  | 'unverified'
  | 'failed'
  | 'blocked'
  | 'done-earlier'
  | 'resumed';

export interface StepOutcome {
  stepId: string;
  title: string;
  status: StepStatus;
  /** The plan's one-line summary (what would change / changed / why nothing). */
  summary: string;
  /** Verify's detail, the error, or why the step was blocked. */
  detail: string;
  warnings: string[];
  requestIds: string[];
  /** The journal entry of this step (applying runs with a case). */
  journalId?: number | undefined;
  output?: JsonValue | undefined;
}

/** The whole run: planned (dry run), complete, partial (something unverified) or failed. */
export interface RunResult {
  runId: string;
  playbook: string;
  target: string;
  caseId: string | undefined;
  applying: boolean;
  status: 'planned' | 'complete' | 'partial' | 'failed';
  /** True when the run changed nothing because a previous run had done everything. */
  alreadyDone: boolean;
  /** True when anything was (or, in a dry run, would be) changed. */
  changed: boolean;
  outcomes: StepOutcome[];
}

/** How one journal entry fared in a release. */
export type UndoStatus =
  | 'would-undo'
  | 'undone'
  | 'undo-failed'
  | 'irreversible'
  | 'evidence-kept'
  | 'unknown-step';

export interface UndoOutcome {
  actionId: number;
  playbook: string;
  stepId: string;
  target: string;
  status: UndoStatus;
  detail: string;
  requestIds: string[];
  undoJournalId?: number | undefined;
}

export interface ReleaseResult {
  runId: string;
  caseId: string;
  applying: boolean;
  status: 'planned' | 'complete' | 'partial' | 'failed' | 'nothing-to-release';
  outcomes: UndoOutcome[];
}

/** What the runner and release tell their observer, in order. The library never prints. */
export type RunEvent =
  | { type: 'run-started'; runId: string; playbook: string; target: string; applying: boolean; steps: number }
  | { type: 'step-started'; stepId: string; title: string }
  | { type: 'step-note'; stepId: string; message: string }
  | { type: 'step-finished'; outcome: StepOutcome }
  | { type: 'run-finished'; result: RunResult }
  | { type: 'undo-finished'; outcome: UndoOutcome }
  | { type: 'release-finished'; result: ReleaseResult };

export type RunObserver = (event: RunEvent) => void;

/** The exit status for a run or a release: 1 when something failed, 2 when something is unverified. */
export function exitCodeFor(result: RunResult | ReleaseResult): 0 | 1 | 2 {
  if (result.status === 'failed') return 1;
  if (result.status === 'partial') return 2;
  return 0;
}
