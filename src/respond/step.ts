import type { AwsClients } from '../aws/clients.js';
import type { NewEvidence } from '../cases/evidence.js';
import type { ActionEntry, JsonValue } from '../cases/types.js';

export type { JsonValue } from '../cases/types.js';

/** What a playbook acts on. `id` names it in the journal (an instance id, a user name, a bucket). */
export interface PlaybookTarget {
  id: string;
  region: string;
  account?: string | undefined;
}

/** What plan() found: the change apply() would make, or that there is nothing to do. */
export interface StepPlan {
  /** False when the target is already as this step wants it: apply is not called. */
  willChange: boolean;
  /** One line for the analyst: "replace sg-1, sg-2 with sg-iso on eni-1" or "already isolated". */
  summary: string;
  /** The state found before the change (journaled before apply; undo restores from it). */
  before?: JsonValue;
  /** The exact change apply makes (journaled before apply; apply receives this plan back). */
  change?: JsonValue;
  /** When nothing is to do, what later steps read from this one (e.g. the existing group's id). */
  output?: JsonValue;
  /** Things the analyst must know before applying ("affects every holder of the role"). */
  warnings?: string[];
}

/** What apply() or undo() did. */
export interface StepResult {
  /** What later steps read from this one (ctx.output(stepId)); journaled, so a resumed run has it too. */
  output?: JsonValue;
  /** AWS request ids of the calls that changed something (requestIdsOf(...responses) collects them). */
  requestIds?: string[];
  /** Evidence this step collected; the runner stores it in the case, linked to the journal entry. */
  evidence?: Omit<NewEvidence, 'caseId' | 'actionId'>[];
}

/** What verify() read back. */
export interface StepVerification {
  ok: boolean;
  /** What was checked and seen: "eni-1 and eni-2 carry only sg-iso". */
  detail: string;
  /**
   * Read only when a run resumes a step whose apply was cut short by a crash and verify passes: what
   * the journal may lack (the ids of the snapshots found by their case tag, and their evidence records).
   */
  output?: JsonValue;
  evidence?: StepResult['evidence'];
}

/** What a step gets from the runner. */
export interface StepContext<T extends PlaybookTarget = PlaybookTarget> {
  readonly target: T;
  readonly caseId: string | undefined;
  readonly runId: string;
  /** True in an applying run; false in a dry run (plan only). */
  readonly applying: boolean;
  /** AWS clients for the target (case id in the user agent). */
  readonly clients: AwsClients;
  /** The output of an earlier step (its apply result, its plan's output, or the journal's on resume). */
  output<O = JsonValue>(stepId: string): O | undefined;
  /** Tells the analyst something while the step runs (a warning, a choice made); never printed by the library. */
  note(message: string): void;
  readonly signal: AbortSignal;
}

/**
 * One step of a playbook, declared as data. The runner calls plan (read-only), then, in an applying
 * run and when the plan will change something, apply, then verify (read-only). It journals the plan
 * and before-state before apply and the result, request ids and verify outcome after. A step the case's
 * journal shows done is only verified (done-earlier); if verify then fails, it is planned again.
 */
export interface Step<T extends PlaybookTarget = PlaybookTarget> {
  /** Unique in the playbook, stable across versions (the journal keys resume on it): kebab-case. */
  id: string;
  title: string;
  /** What the step reads: `target.<field>` or `<stepId>.<field>` (the step must be in dependsOn). */
  reads: readonly string[];
  /** Every IAM action plan, apply, verify and undo call ("ec2:DescribeInstances"): for garrison policy. */
  iamActions: readonly string[];
  /**
   * True when applying twice has the same effect as once. On resume the runner verifies every
   * interrupted step before redoing it, so a step that is not idempotent (a snapshot) must make verify()
   * recognise its own change (e.g. by the case tag): then a crash never makes it run twice.
   */
  idempotent: boolean;
  /** Steps that must finish first; steps without a path between them run at once. */
  dependsOn: readonly string[];
  /** Collects evidence (snapshots, AMIs, stored files): such a step must not define undo. */
  evidence?: boolean;
  plan(ctx: StepContext<T>): Promise<StepPlan>;
  apply(ctx: StepContext<T>, plan: StepPlan): Promise<StepResult>;
  verify(ctx: StepContext<T>): Promise<StepVerification>;
  /** Reverses the change recorded in entry (its before-state, change and output). Absent: irreversible. */
  undo?(ctx: StepContext<T>, entry: ActionEntry): Promise<StepResult>;
  /** One line for release's dry run: what undo would do for this entry. */
  describeUndo?(entry: ActionEntry): string;
}

/** A playbook: a named list of steps over one kind of target. */
export interface Playbook<T extends PlaybookTarget = PlaybookTarget> {
  /** The name `garrison contain <name>` and the journal use: "ec2", "iam-user". */
  name: string;
  title: string;
  steps: readonly Step<T>[];
}

/** The request ids of SDK responses ($metadata.requestId), for StepResult.requestIds. */
export function requestIdsOf(
  ...responses: ({ $metadata?: { requestId?: string | undefined } } | undefined)[]
): string[] {
  return responses.map((r) => r?.$metadata?.requestId).filter((id): id is string => Boolean(id));
}
