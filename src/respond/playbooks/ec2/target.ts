import type { AwsClients } from '../../../aws/clients.js';
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

/** Facts read for many instances in one batch, each handed to the first run of its instance. */
const prefetched = new Map<string, { facts: InstanceFacts; at: number }>();
const PREFETCH_TTL_MS = 60_000;

/**
 * Reads many instances in a few batched calls (DescribeInstances, profile associations, Auto Scaling
 * instances and target groups once for all) before their runs start, so each run skips its own reads.
 * Each batch entry is used once and only within a minute; anything else reads afresh.
 */
export async function prefetchInstanceFacts(
  clients: AwsClients,
  region: string,
  instanceIds: string[],
): Promise<void> {
  for (let i = 0; i < instanceIds.length; i += 100)
    for (const facts of await gatherInstanceFacts(clients, region, instanceIds.slice(i, i + 100)))
      prefetched.set(`${region}|${facts.instanceId}`, { facts, at: Date.now() });
}

/**
 * The instance as it is now, read once per run and shared by the run's plans (steps change disjoint
 * parts of it, so a plan never needs another step's change). Verify always reads fresh state.
 */
export function currentFacts(ctx: Ec2Context): Promise<InstanceFacts> {
  const key = `${ctx.runId}|${ctx.target.region}|${ctx.target.id}`;
  let found = cache.get(key);
  if (!found) {
    const batchKey = `${ctx.target.region}|${ctx.target.id}`;
    const batch = prefetched.get(batchKey);
    prefetched.delete(batchKey);
    found =
      batch && Date.now() - batch.at < PREFETCH_TTL_MS
        ? Promise.resolve(batch.facts)
        : gatherInstanceFacts(ctx.clients, ctx.target.region, [ctx.target.id]).then(
            (f) => f[0] as InstanceFacts,
          );
    found.catch(() => cache.delete(key));
    cache.set(key, found);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return found;
}
