import type { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import type { Actor, JsonValue } from '../../cases/types.js';
import { localUser } from '../../cases/who.js';
import { GarrisonError } from '../../errors.js';
import type { Playbook, PlaybookTarget, Step } from '../step.js';
import { newRunId, type RunState } from './context.js';
import { executeStep } from './execute-step.js';
import type { RunObserver, RunResult, StepOutcome } from './outcome.js';
import { validatePlaybook } from './validate.js';

export interface RunOptions<T extends PlaybookTarget> {
  playbook: Playbook<T>;
  target: T;
  clients: AwsClients;
  /** Change AWS. Without it the run only plans (a dry run); with it a store and a case are required. */
  apply?: boolean;
  store?: CaseStore;
  caseId?: string;
  /** Steps run at once at most (default 4). */
  concurrency?: number;
  /** Who acts (default: the local user, no AWS identity). */
  actor?: Actor;
  onEvent?: RunObserver;
  signal?: AbortSignal;
  /** Mark the case contained when an applying run ends complete (default true). */
  markContained?: boolean;
}

const CHANGED = new Set(['would-change', 'applied', 'unverified', 'resumed']);

function summarise(
  outcomes: StepOutcome[],
  applying: boolean,
): Pick<RunResult, 'status' | 'alreadyDone' | 'changed'> {
  const failed = outcomes.some((o) => o.status === 'failed' || o.status === 'blocked');
  const unverified = outcomes.some((o) => o.status === 'unverified');
  const status = failed ? 'failed' : unverified ? 'partial' : applying ? 'complete' : 'planned';
  const alreadyDone = outcomes.every((o) => o.status === 'done-earlier' || o.status === 'nothing-to-do');
  return { status, alreadyDone, changed: outcomes.some((o) => CHANGED.has(o.status)) };
}

/**
 * Runs a playbook on one target: validates it, runs its steps in dependency order (independent steps
 * at once, bounded), journals every step of an applying run in the case, and resumes from the journal
 * (steps done earlier are verified, not repeated; a step interrupted by a crash is completed or redone).
 * A step that fails blocks the steps that depend on it; an unverified step does not (its change was made).
 */
export async function runPlaybook<T extends PlaybookTarget>(options: RunOptions<T>): Promise<RunResult> {
  const steps = validatePlaybook(options.playbook);
  const applying = options.apply ?? false;
  if (applying && (!options.store || !options.caseId)) {
    throw new GarrisonError(
      'usage',
      'applying a playbook needs a case store and a case: every change is journaled',
    );
  }
  if (options.store && options.caseId) {
    const found = options.store.cases.get(options.caseId);
    if (applying && found.status === 'closed') {
      throw new GarrisonError('conflict', `case ${found.id} is closed`, {
        hint: 'open a new case for new changes',
      });
    }
  }
  const emit: RunObserver = (event) => {
    try {
      options.onEvent?.(event);
    } catch {
      // An observer that throws must not stop a containment half way.
    }
  };
  const state: RunState<T> = {
    runId: newRunId('run'),
    playbook: options.playbook,
    target: options.target,
    caseId: options.caseId,
    applying,
    clients: options.clients,
    store: options.store,
    actor: options.actor ?? { localUser: localUser() },
    signal: options.signal ?? new AbortController().signal,
    outputs: new Map<string, JsonValue | undefined>(),
    emit,
  };
  const lock = applying
    ? options.store!.locks.acquire({
        caseId: options.caseId!,
        playbook: options.playbook.name,
        target: options.target.id,
        runId: state.runId,
      })
    : undefined;
  emit({
    type: 'run-started',
    runId: state.runId,
    playbook: options.playbook.name,
    target: options.target.id,
    applying,
    steps: steps.length,
  });
  let outcomes: Map<string, StepOutcome>;
  try {
    outcomes = await schedule(state, steps, Math.max(1, options.concurrency ?? 4));
  } finally {
    if (lock) options.store!.locks.release(lock);
  }
  const ordered = options.playbook.steps.map((s) => outcomes.get(s.id) as StepOutcome);
  const result: RunResult = {
    runId: state.runId,
    playbook: options.playbook.name,
    target: options.target.id,
    caseId: options.caseId,
    applying,
    outcomes: ordered,
    ...summarise(ordered, applying),
  };
  if (applying && result.status === 'complete' && options.markContained !== false) {
    const current = options.store!.cases.get(options.caseId!);
    if (current.status !== 'contained') options.store!.cases.setStatus(current.id, 'contained');
  }
  emit({ type: 'run-finished', result });
  return result;
}

const STOPS_DEPENDANTS = new Set(['failed', 'blocked']);

async function schedule<T extends PlaybookTarget>(
  state: RunState<T>,
  steps: Step<T>[],
  limit: number,
): Promise<Map<string, StepOutcome>> {
  const done = new Map<string, StepOutcome>();
  const pending = [...steps];
  const running = new Map<string, Promise<void>>();
  const finish = (outcome: StepOutcome) => {
    done.set(outcome.stepId, outcome);
    state.emit({ type: 'step-finished', outcome });
  };
  while (pending.length > 0 || running.size > 0) {
    for (let i = 0; i < pending.length; ) {
      const step = pending[i] as Step<T>;
      if (!step.dependsOn.every((d) => done.has(d))) {
        i++;
        continue;
      }
      const stopper = step.dependsOn.find((d) => STOPS_DEPENDANTS.has(done.get(d)?.status ?? ''));
      if (stopper || state.signal.aborted) {
        pending.splice(i, 1);
        const detail = stopper
          ? `not run: step ${stopper} ${done.get(stopper)?.status}`
          : 'not run: cancelled';
        finish({
          stepId: step.id,
          title: step.title,
          status: 'blocked',
          summary: '',
          detail,
          warnings: [],
          requestIds: [],
        });
        i = 0;
        continue;
      }
      if (running.size >= limit) break;
      pending.splice(i, 1);
      state.emit({ type: 'step-started', stepId: step.id, title: step.title });
      running.set(
        step.id,
        executeStep(state, step).then(
          (outcome) => {
            running.delete(step.id);
            finish(outcome);
          },
          (error: unknown) => {
            running.delete(step.id);
            finish({
              stepId: step.id,
              title: step.title,
              status: 'failed',
              summary: '',
              detail: String(error),
              warnings: [],
              requestIds: [],
            });
          },
        ),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  return done;
}
