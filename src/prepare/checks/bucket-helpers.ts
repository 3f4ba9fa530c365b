import type { AccountSnapshot, TrailBucketState } from '../state/snapshot.js';
import { type CheckOutcome, GLOBAL } from './define.js';
import { activeTrails, noActiveTrail } from './trail-helpers.js';

/** Runs a check on the bucket of each active trail; the trail (not the bucket) region is the outcome's region. */
export function trailBucketCheck(
  snapshot: AccountSnapshot,
  judge: (bucket: string, state: TrailBucketState) => Omit<CheckOutcome, 'region'>,
): CheckOutcome[] {
  const trails = snapshot.trails;
  if (!trails.ok) return [{ region: GLOBAL, status: 'error', detail: trails.error }];
  const active = activeTrails(trails.value);
  if (active.length === 0) return [noActiveTrail(trails.value)];
  const outcomes: CheckOutcome[] = [];
  const seen = new Set<string>();
  for (const trail of active) {
    const bucket = trail.bucketName;
    if (!bucket || seen.has(bucket)) continue;
    seen.add(bucket);
    const state = snapshot.trailBuckets[bucket];
    if (!state)
      outcomes.push({ region: trail.homeRegion, status: 'error', detail: `bucket ${bucket} was not read` });
    else outcomes.push({ region: trail.homeRegion, ...judge(bucket, state) });
  }
  return outcomes;
}
