import type { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import type { ActionEntry, Actor } from '../../cases/types.js';
import { localUser } from '../../cases/who.js';
import { GarrisonError } from '../../errors.js';
import type { Playbook, PlaybookTarget, Step, StepContext } from '../step.js';
import { collector, messageOf, newRunId, requestIdsOfError } from './context.js';
import type { ReleaseResult, RunObserver, UndoOutcome } from './outcome.js';

export interface ReleaseOptions {
  store: CaseStore;
  caseId: string;
  /** The playbooks that may have journaled steps in the case (their steps carry undo). */
  playbooks: readonly Playbook<PlaybookTarget>[];
  clients: AwsClients;
  /** Undo only these steps (step ids, or playbook:step). Default: every reversible step. */
  steps?: readonly string[];
  /** Change AWS; without it release only says what it would undo. */
  apply?: boolean;
  actor?: Actor;
  onEvent?: RunObserver;
  signal?: AbortSignal;
}

/**
 * Journal entries whose change may be in place: applied by garrison (or interrupted during apply, so
 * possibly part applied; undo restores their before-state) and not undone since.
 */
const CHANGED = new Set(['verified', 'unverified', 'applied', 'interrupted']);

function selected(entry: ActionEntry, steps: readonly string[] | undefined): boolean {
  return !steps || steps.includes(entry.stepId) || steps.includes(`${entry.playbook}:${entry.stepId}`);
}

/** The changes a release would reverse, newest first (dependants are undone before what they depend on). */
export function changesToRelease(store: CaseStore, caseId: string, steps?: readonly string[]): ActionEntry[] {
  return store.journal
    .forCase(caseId)
    .filter(
      (e) =>
        e.kind === 'apply' && CHANGED.has(e.status) && selected(e, steps) && !store.journal.isUndone(e.id),
    )
    .reverse();
}

/**
 * Recovery: undoes the reversible steps journaled in a case, in reverse order, journaling each undo.
 * Evidence steps (snapshots, AMIs, stored files) are never undone, whatever is asked; irreversible steps
 * are reported. With apply and every undo done, the case is marked recovered.
 */
export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  const { store, caseId } = options;
  const kase = store.cases.get(caseId);
  const applying = options.apply ?? false;
  if (applying && kase.status === 'closed') throw new GarrisonError('conflict', `case ${caseId} is closed`);
  const inCase = store.journal.forCase(caseId);
  for (const wanted of options.steps ?? []) {
    if (!inCase.some((e) => selected(e, [wanted]))) {
      throw new GarrisonError('usage', `case ${caseId} has no journaled step ${JSON.stringify(wanted)}`, {
        hint: 'garrison case show lists the steps of the case',
      });
    }
  }
  const emit: RunObserver = (event) => {
    try {
      options.onEvent?.(event);
    } catch {
      // the observer must not stop a recovery half way
    }
  };
  const runId = newRunId('release');
  const actor = options.actor ?? { localUser: localUser() };
  const outcomes: UndoOutcome[] = [];
  const lock = applying
    ? store.locks.acquire({ caseId, playbook: 'release', target: caseId, runId })
    : undefined;
  try {
    await undoAll(options, runId, actor, applying, outcomes, emit);
  } finally {
    if (lock) store.locks.release(lock);
  }
  const failed = outcomes.some((o) => o.status === 'undo-failed');
  const skipped = outcomes.some((o) => o.status === 'unknown-step');
  const status =
    outcomes.length === 0
      ? 'nothing-to-release'
      : failed
        ? 'failed'
        : skipped
          ? 'partial'
          : applying
            ? 'complete'
            : 'planned';
  if (applying && status === 'complete' && !options.steps) store.cases.setStatus(caseId, 'recovered');
  const result: ReleaseResult = { runId, caseId, applying, status, outcomes };
  emit({ type: 'release-finished', result });
  return result;
}

async function undoAll(
  options: ReleaseOptions,
  runId: string,
  actor: Actor,
  applying: boolean,
  outcomes: UndoOutcome[],
  emit: RunObserver,
): Promise<void> {
  const { store, caseId } = options;
  for (const entry of changesToRelease(store, caseId, options.steps)) {
    const outcome = options.signal?.aborted
      ? undoOutcome(entry, 'undo-failed', 'not run: cancelled')
      : await undoOne(options, entry, runId, actor, applying);
    outcomes.push(outcome);
    emit({ type: 'undo-finished', outcome });
  }
}

function undoOutcome(entry: ActionEntry, status: UndoOutcome['status'], detail: string): UndoOutcome {
  return {
    actionId: entry.id,
    playbook: entry.playbook,
    stepId: entry.stepId,
    target: entry.target,
    status,
    detail,
    requestIds: [],
  };
}

async function undoOne(
  options: ReleaseOptions,
  entry: ActionEntry,
  runId: string,
  actor: Actor,
  applying: boolean,
): Promise<UndoOutcome> {
  const playbook = options.playbooks.find((p) => p.name === entry.playbook);
  const step = playbook?.steps.find((s) => s.id === entry.stepId);
  if (!step)
    return undoOutcome(entry, 'unknown-step', `this garrison has no step ${entry.playbook}:${entry.stepId}`);
  if (step.evidence) return undoOutcome(entry, 'evidence-kept', 'evidence is never deleted by garrison');
  if (!step.undo) return undoOutcome(entry, 'irreversible', `${step.title}: cannot be undone by garrison`);
  const describe = step.describeUndo?.(entry) ?? `undo: ${entry.summary || step.title}`;
  if (!applying) return undoOutcome(entry, 'would-undo', describe);
  const journal = options.store.journal;
  for (const stale of journal.forCase(entry.caseId)) {
    if (stale.kind === 'undo' && stale.undoes === entry.id && stale.status === 'started') {
      journal.finish(stale.id, {
        status: 'interrupted',
        error: `the process ended during undo; ${runId} undid it again`,
      });
    }
  }
  const id = journal.start({
    caseId: entry.caseId,
    runId,
    kind: 'undo',
    undoes: entry.id,
    playbook: entry.playbook,
    stepId: entry.stepId,
    target: entry.target,
    targetDetail: entry.targetDetail ?? undefined,
    account: entry.account ?? undefined,
    region: entry.region ?? undefined,
    summary: describe,
    plan: entry.before ?? undefined,
    actor,
  });
  try {
    const result = await step.undo(undoContext(options, entry, runId, step), entry);
    const requestIds = result.requestIds ?? [];
    journal.finish(id, { status: 'undone', output: result.output, requestIds });
    for (const item of result.evidence ?? []) {
      options.store.evidence.add({
        ...item,
        caseId: entry.caseId,
        actionId: id,
        collectedBy: collector(actor),
      });
    }
    return { ...undoOutcome(entry, 'undone', describe), requestIds, undoJournalId: id };
  } catch (error) {
    const requestIds = requestIdsOfError(error);
    journal.finish(id, { status: 'undo-failed', error: messageOf(error), requestIds });
    return { ...undoOutcome(entry, 'undo-failed', messageOf(error)), requestIds, undoJournalId: id };
  }
}

function undoContext(
  options: ReleaseOptions,
  entry: ActionEntry,
  runId: string,
  step: Step<PlaybookTarget>,
): StepContext {
  const target = (entry.targetDetail as PlaybookTarget | null) ?? {
    id: entry.target,
    region: entry.region ?? options.clients.defaultRegion,
  };
  return {
    target,
    caseId: entry.caseId,
    runId,
    applying: true,
    clients: options.clients,
    signal: options.signal ?? new AbortController().signal,
    output: <O>(stepId: string) =>
      (options.store.journal.latestApply(entry.caseId, entry.playbook, entry.target, stepId)?.output ??
        undefined) as O | undefined,
    note: (message) => options.onEvent?.({ type: 'step-note', stepId: step.id, message }),
  };
}
