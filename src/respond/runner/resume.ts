import type { ActionEntry } from '../../cases/types.js';
import type { PlaybookTarget, Step, StepContext, StepResult, StepVerification } from '../step.js';
import { collector, messageOf, type RunState } from './context.js';
import type { StepOutcome } from './outcome.js';

/** Verify never throws to the runner: an exception is a verification that did not pass. */
export async function verifySafely<T extends PlaybookTarget>(
  step: Step<T>,
  ctx: StepContext<T>,
): Promise<StepVerification> {
  try {
    return await step.verify(ctx);
  } catch (error) {
    return { ok: false, detail: `verify failed: ${messageOf(error)}` };
  }
}

export function storeEvidence<T extends PlaybookTarget>(
  state: RunState<T>,
  actionId: number,
  result: StepResult,
): void {
  if (!state.store || !state.caseId) return;
  for (const item of result.evidence ?? []) {
    state.store.evidence.add({
      ...item,
      caseId: state.caseId,
      actionId,
      collectedBy: collector(state.actor),
    });
  }
}

/**
 * A previous run died during this step's apply. The step is verified first: if its change is there, the
 * entry is completed and the change is not repeated (what matters for a step that is not idempotent).
 * Otherwise the entry is marked interrupted (release still undoes it: it may have changed part of the
 * state) and the step is planned again from the current state.
 */
export async function resumeInterrupted<T extends PlaybookTarget>(
  state: RunState<T>,
  step: Step<T>,
  ctx: StepContext<T>,
  prior: ActionEntry,
): Promise<
  | (Omit<StepOutcome, 'stepId' | 'title' | 'warnings' | 'requestIds'> & {
      requestIds: string[];
      warnings: string[];
    })
  | undefined
> {
  const journal = state.store!.journal;
  const check = await verifySafely(step, ctx);
  if (check.ok) {
    let output = prior.output ?? check.output;
    if (output === undefined || output === null) {
      // Died before the result was journaled: the plan of an already-done step still knows the output.
      const replanned = await step.plan(ctx).catch(() => undefined);
      if (replanned && !replanned.willChange) output = replanned.output;
    }
    const detail = `${check.detail} (change made by interrupted run ${prior.runId}; completed by run ${state.runId})`;
    state.store!.transaction(() => {
      journal.finish(prior.id, { status: 'verified', output, verifyOk: true, verifyDetail: detail });
      if (prior.status === 'started' && check.evidence)
        storeEvidence(state, prior.id, { evidence: check.evidence });
    });
    state.outputs.set(step.id, output ?? undefined);
    return {
      status: 'resumed',
      summary: prior.summary,
      detail,
      journalId: prior.id,
      output,
      requestIds: prior.requestIds,
      warnings: [],
    };
  }
  journal.finish(prior.id, {
    status: 'interrupted',
    error: `the process ended during apply; run ${state.runId} planned the step again`,
  });
  return undefined;
}
