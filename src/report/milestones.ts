import type { ActionEntry } from '../cases/types.js';
import { earliest, latest } from './durations.js';
import type { ReportInput } from './model.js';

/** A moment of the incident and how garrison knows it. */
export interface Milestone {
  at: string | null;
  how: string;
}

export interface Milestones {
  firstMaliciousEvent: Milestone;
  firstFinding: Milestone;
  containmentVerified: Milestone;
  recovered: Milestone;
}

const DONE = new Set(['verified', 'unchanged']);

/** Apply entries still in force: the newest entry of each (playbook, target, step), unless undone. */
export function standingActions(actions: readonly ActionEntry[]): ActionEntry[] {
  const undone = new Set(
    actions.filter((a) => a.kind === 'undo' && a.status === 'undone').map((a) => a.undoes),
  );
  const newest = new Map<string, ActionEntry>();
  for (const a of actions) {
    if (a.kind !== 'apply') continue;
    newest.set(JSON.stringify([a.playbook, a.target, a.stepId]), a);
  }
  return [...newest.values()].filter((a) => !undone.has(a.id));
}

function firstMaliciousEvent(input: ReportInput): Milestone {
  const fromEvents = earliest(input.events.map((e) => e.eventTime));
  if (fromEvents)
    return {
      at: fromEvents,
      how: `the earliest of the ${input.events.length} CloudTrail events the case holds`,
    };
  const fromFindings = earliest(input.findings.map((f) => f.finding.first_seen));
  if (fromFindings)
    return {
      at: fromFindings,
      how: 'the earliest first-seen time of the case findings (no CloudTrail events are held)',
    };
  return { at: null, how: 'the case holds neither CloudTrail events nor findings' };
}

function firstFinding(input: ReportInput): Milestone {
  const added = earliest(input.findings.map((f) => f.addedAt));
  const stated = input.case.detectedAt;
  const at = earliest([added, stated]);
  if (!at) return { at: null, how: 'no finding is attached to the case and no detection time was recorded' };
  if (at === stated && stated) return { at, how: 'the detection time recorded on the case' };
  return { at, how: 'when the first finding reached the case' };
}

function containmentVerified(input: ReportInput): Milestone {
  const standing = standingActions(input.actions);
  if (standing.length > 0) {
    const open = standing.filter((a) => !DONE.has(a.status));
    if (open.length === 0) {
      const at = latest(standing.map((a) => a.finishedAt));
      return { at, how: `the last of ${standing.length} response steps verified` };
    }
    if (input.case.containedAt)
      return {
        at: input.case.containedAt,
        how: `marked contained on the case; ${open.length} response step(s) not verified`,
      };
    return {
      at: null,
      how: `${open.length} response step(s) are not verified (${open.map((a) => `${a.stepId} ${a.status}`).join(', ')})`,
    };
  }
  if (input.case.containedAt) return { at: input.case.containedAt, how: 'marked contained on the case' };
  return { at: null, how: 'no response action was journaled and the case was never marked contained' };
}

/** The moments the metrics and chart markers are measured from. */
export function milestones(input: ReportInput): Milestones {
  return {
    firstMaliciousEvent: firstMaliciousEvent(input),
    firstFinding: firstFinding(input),
    containmentVerified: containmentVerified(input),
    recovered: input.case.recoveredAt
      ? { at: input.case.recoveredAt, how: 'marked recovered on the case' }
      : { at: null, how: 'the case was never marked recovered' },
  };
}
