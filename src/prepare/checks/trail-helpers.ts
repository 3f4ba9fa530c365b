import type { Observed } from '../state/observe.js';
import type { AccountSnapshot } from '../state/snapshot.js';
import type { TrailState } from '../state/trails.js';
import { type CheckOutcome, GLOBAL } from './define.js';

/** The trails that count for readiness: multi-region and logging. */
export function activeTrails(trails: readonly TrailState[]): TrailState[] {
  return trails.filter((t) => t.multiRegion && t.logging && !t.readError);
}

/** What to answer when no trail counts: an error if some trail could not be read, else a failure. */
export function noActiveTrail(
  trails: readonly TrailState[],
  failDetail = 'no multi-region trail is logging',
): CheckOutcome {
  const unread = trails.filter((t) => t.readError);
  if (unread.length > 0)
    return { region: GLOBAL, status: 'error', detail: unread.map((t) => t.readError).join('; ') };
  return { region: GLOBAL, status: 'fail', detail: failDetail };
}

/**
 * Runs a trail property check over the active trails: pass when one has the property, fail naming
 * the trails that lack it, error when the trails could not be read.
 */
export function trailPropertyCheck(
  snapshot: AccountSnapshot,
  has: (trail: TrailState) => boolean,
  describe: { pass: (trail: TrailState) => string; fail: (trails: TrailState[]) => string },
): CheckOutcome[] {
  const trails = snapshot.trails;
  if (!trails.ok) return [{ region: GLOBAL, status: 'error', detail: trails.error }];
  const active = activeTrails(trails.value);
  if (active.length === 0) return [noActiveTrail(trails.value)];
  const good = active.find(has);
  if (good) return [{ region: good.homeRegion, status: 'pass', detail: describe.pass(good) }];
  return [{ region: active[0]?.homeRegion ?? GLOBAL, status: 'fail', detail: describe.fail(active) }];
}

export function names(trails: readonly TrailState[]): string {
  return trails.map((t) => t.name).join(', ');
}

/** An observation's value, or the error outcome to report instead. */
export function valueOr<T>(
  observed: Observed<T> | undefined,
  region: string,
): { value: T } | { outcome: CheckOutcome } {
  if (!observed) return { outcome: { region, status: 'error', detail: 'not read' } };
  if (!observed.ok) return { outcome: { region, status: 'error', detail: observed.error } };
  return { value: observed.value };
}
