import type { JsonValue } from '../../cases/types.js';
import type { PlaybookTarget, Step, StepContext, StepPlan, StepResult } from '../step.js';
import { messageOf, type RunState, requestIdsOfError, stepContext } from './context.js';
import type { StepOutcome } from './outcome.js';
import { resumeInterrupted, storeEvidence, verifySafely } from './resume.js';

const DONE = new Set(['verified', 'unchanged']);
const INTERRUPTED = new Set(['started', 'applied']);

/**
 * Runs one step: checks the journal (done earlier? interrupted?), plans, and in an applying run
 * journals the plan and before-state, applies, journals the result, verifies and journals that.
 */
export async function executeStep<T extends PlaybookTarget>(
  state: RunState<T>,
  step: Step<T>,
): Promise<StepOutcome> {
  const ctx = stepContext(state, step);
  const base = { stepId: step.id, title: step.title, warnings: [] as string[], requestIds: [] as string[] };
  const journal = state.store && state.caseId ? state.store.journal : undefined;
  const prior = journal?.latestApply(state.caseId as string, state.playbook.name, state.target.id, step.id);
  const live = prior && !journal?.isUndone(prior.id) ? prior : undefined;

  if (live && DONE.has(live.status)) {
    const check = await verifySafely(step, ctx);
    if (check.ok) {
      state.outputs.set(step.id, live.output ?? undefined);
      return {
        ...base,
        status: 'done-earlier',
        summary: live.summary,
        detail: `${check.detail} (done by ${live.runId} at ${live.finishedAt ?? live.startedAt})`,
        journalId: live.id,
        output: live.output,
      };
    }
    ctx.note(`done in run ${live.runId}, but the state changed since (${check.detail}): planning again`);
  }
  if (live && INTERRUPTED.has(live.status) && state.applying && journal) {
    const resumed = await resumeInterrupted(state, step, ctx, live);
    if (resumed) return { ...base, ...resumed };
  }

  let plan: StepPlan;
  try {
    plan = await step.plan(ctx);
  } catch (error) {
    const requestIds = requestIdsOfError(error);
    const failed = { willChange: false, summary: 'plan failed' };
    const journalId =
      state.applying && journal
        ? journal.record(startOf(state, step, failed), {
            status: 'failed',
            error: messageOf(error),
            requestIds,
          }).id
        : undefined;
    return {
      ...base,
      status: 'failed',
      summary: 'plan failed',
      detail: messageOf(error),
      requestIds,
      journalId,
    };
  }
  const warnings = plan.warnings ?? [];
  if (!plan.willChange) return nothingToDo(state, step, ctx, plan, { ...base, warnings });
  if (!state.applying || !journal) {
    return {
      ...base,
      warnings,
      status: 'would-change',
      summary: plan.summary,
      detail: plan.change === undefined ? '' : JSON.stringify(plan.change),
    };
  }
  return applyPlanned(state, step, ctx, plan, { ...base, warnings });
}

/** A step whose plan found nothing to do: verify it, and journal that in an applying run. */
async function nothingToDo<T extends PlaybookTarget>(
  state: RunState<T>,
  step: Step<T>,
  ctx: StepContext<T>,
  plan: StepPlan,
  base: Pick<StepOutcome, 'stepId' | 'title' | 'warnings' | 'requestIds'>,
): Promise<StepOutcome> {
  const check = await verifySafely(step, ctx);
  state.outputs.set(step.id, plan.output);
  let journalId: number | undefined;
  if (state.applying && state.store && state.caseId) {
    journalId = state.store.journal.record(startOf(state, step, plan), {
      status: check.ok ? 'unchanged' : 'unverified',
      output: plan.output,
      verifyOk: check.ok,
      verifyDetail: check.detail,
    }).id;
  }
  const status = check.ok ? 'nothing-to-do' : 'unverified';
  return { ...base, status, summary: plan.summary, detail: check.detail, journalId, output: plan.output };
}

function startOf<T extends PlaybookTarget>(state: RunState<T>, step: Step<T>, plan: StepPlan) {
  return {
    caseId: state.caseId as string,
    runId: state.runId,
    kind: 'apply' as const,
    playbook: state.playbook.name,
    stepId: step.id,
    target: state.target.id,
    targetDetail: state.target as unknown as JsonValue,
    account: state.target.account,
    region: state.target.region,
    summary: plan.summary,
    plan: plan.change,
    before: plan.before,
    actor: state.actor,
  };
}

async function applyPlanned<T extends PlaybookTarget>(
  state: RunState<T>,
  step: Step<T>,
  ctx: StepContext<T>,
  plan: StepPlan,
  base: Pick<StepOutcome, 'stepId' | 'title' | 'warnings' | 'requestIds'>,
): Promise<StepOutcome> {
  const journal = state.store!.journal;
  const id = journal.start(startOf(state, step, plan));
  let result: StepResult;
  try {
    result = await step.apply(ctx, plan);
  } catch (error) {
    const requestIds = requestIdsOfError(error);
    journal.finish(id, { status: 'failed', error: messageOf(error), requestIds });
    return {
      ...base,
      status: 'failed',
      summary: plan.summary,
      detail: messageOf(error),
      requestIds,
      journalId: id,
    };
  }
  const requestIds = result.requestIds ?? [];
  // The result and its evidence land together, or a crash between them would lose the evidence record.
  state.store!.transaction(() => {
    journal.finish(id, { status: 'applied', output: result.output, requestIds });
    storeEvidence(state, id, result);
  });
  state.outputs.set(step.id, result.output);
  const check = await verifySafely(step, ctx);
  journal.finish(id, {
    status: check.ok ? 'verified' : 'unverified',
    verifyOk: check.ok,
    verifyDetail: check.detail,
  });
  const status = check.ok ? 'applied' : 'unverified';
  return {
    ...base,
    status,
    summary: plan.summary,
    detail: check.detail,
    requestIds,
    journalId: id,
    output: result.output,
  };
}
