import type { PlaybookTarget, StepContext } from '../../step.js';
import { gatherInstanceFacts, type InstanceFacts } from './facts.js';

/** One instance to contain, with the analyst's choices. */
export interface Ec2Target extends PlaybookTarget {
  /** The instance id. */
  id: string;
  /** Lower the Auto Scaling group's desired capacity when detaching (default: keep it, a replacement starts). */
  decrementDesiredCapacity?: boolean | undefined;
  /** Also move the instance's subnets to a deny-all network ACL (cuts every instance in them). */
  nacl?: boolean | undefined;
  /** Do not revoke the instance role's issued sessions. */
  keepRoleSessions?: boolean | undefined;
  /** How long to wait for snapshots and the image (seconds, default 3600). */
  maxWaitSeconds?: number | undefined;
}

export type Ec2Context = StepContext<Ec2Target>;

const cache = new Map<string, Promise<InstanceFacts>>();
const CACHE_LIMIT = 256;

/**
 * The instance as it is now, read once per run and shared by the run's plans (steps change disjoint
 * parts of it, so a plan never needs another step's change). Verify always reads fresh state.
 */
export function currentFacts(ctx: Ec2Context): Promise<InstanceFacts> {
  const key = `${ctx.runId}|${ctx.target.region}|${ctx.target.id}`;
  let found = cache.get(key);
  if (!found) {
    found = gatherInstanceFacts(ctx.clients, ctx.target.region, [ctx.target.id]).then(
      (f) => f[0] as InstanceFacts,
    );
    found.catch(() => cache.delete(key));
    cache.set(key, found);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return found;
}

export const ec2Region = (ctx: Ec2Context) => ctx.target.region;
