import type { JsonValue, Step, StepContext, StepPlan } from '../../respond/step.js';
import type { PrepareTarget } from './settings.js';

/** One change a preparation step would make: journaled as data, handed back to apply. */
export interface Change {
  /** What to do ("create-bucket", "enable-versioning"), read by the step's make(). */
  kind: string;
  /** One line for the plan: "create bucket garrison-cloudtrail-1234 (versioned, no public access)". */
  summary: string;
  /** An update of something that exists (not a creation): shown as a conflict in the plan. */
  update?: boolean;
  /** Shown in the plan but never made (e.g. a key policy garrison will not rewrite); verify ignores it. */
  conflict?: boolean;
  region?: string;
  [key: string]: JsonValue | undefined;
}

export interface PrepareStepSpec<S> {
  id: string;
  title: string;
  iamActions: readonly string[];
  dependsOn?: readonly string[];
  /**
   * What the step looks at. `fresh` is false for the plan (the audit's snapshot where it has the
   * answer, so audit and apply agree) and true for verify (read back from AWS after the change).
   */
  observe(ctx: StepContext<PrepareTarget>, fresh: boolean): Promise<S>;
  /** What is missing or conflicting: the changes to make (none: nothing to do). */
  gaps(state: S, ctx: StepContext<PrepareTarget>): Change[];
  /** Makes the changes; returns the AWS request ids of the calls that changed something. */
  make(ctx: StepContext<PrepareTarget>, changes: Change[]): Promise<string[]>;
  /** What is already in place, for the plan when nothing is to do. */
  ready(state: S): string;
  warnings?(changes: Change[], ctx: StepContext<PrepareTarget>): string[];
}

/**
 * A preparation step in the playbook runner's shape: plan = the gaps found, apply = make them,
 * verify = look again and find none. Idempotent by construction: a second run finds no gap.
 * It never deletes: every change creates, adds or turns something on.
 */
export function prepareStep<S>(spec: PrepareStepSpec<S>): Step<PrepareTarget> {
  return {
    id: spec.id,
    title: spec.title,
    reads: ['target.snapshot', 'target.settings'],
    iamActions: spec.iamActions,
    idempotent: true,
    dependsOn: spec.dependsOn ?? [],
    async plan(ctx): Promise<StepPlan> {
      const state = await spec.observe(ctx, false);
      const changes = spec.gaps(state, ctx);
      if (changes.length === 0) return { willChange: false, summary: spec.ready(state) };
      const summary = changes.map((c) => (c.update ? `UPDATE ${c.summary}` : c.summary)).join('; ');
      const warnings = spec.warnings?.(changes, ctx) ?? [];
      return {
        willChange: true,
        summary,
        change: changes as unknown as JsonValue,
        ...(warnings.length ? { warnings } : {}),
      };
    },
    async apply(ctx, plan) {
      const requestIds = await spec.make(ctx, (plan.change ?? []) as unknown as Change[]);
      return { requestIds };
    },
    async verify(ctx) {
      const state = await spec.observe(ctx, true);
      const left = spec.gaps(state, ctx).filter((c) => !c.conflict);
      if (left.length === 0) return { ok: true, detail: spec.ready(state) };
      return { ok: false, detail: `still missing: ${left.map((c) => c.summary).join('; ')}` };
    },
  };
}

/** The request id of one SDK response, as a list (for make()'s answer). */
export function idsOf(...responses: { $metadata?: { requestId?: string | undefined } }[]): string[] {
  return responses.map((r) => r.$metadata?.requestId).filter((id): id is string => Boolean(id));
}
