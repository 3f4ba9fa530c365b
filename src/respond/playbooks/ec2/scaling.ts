import {
  AttachInstancesCommand,
  AutoScalingClient,
  DescribeAutoScalingInstancesCommand,
  DetachInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../../../aws/clients.js';
import { awsErrorCode } from '../shared/aws-errors.js';

export const SCALING_ACTIONS = ['autoscaling:DetachInstances', 'autoscaling:DescribeAutoScalingInstances'];
export const SCALING_UNDO_ACTIONS = ['autoscaling:AttachInstances'];
export const TARGET_ACTIONS = ['elasticloadbalancing:DeregisterTargets'];
export const TARGET_UNDO_ACTIONS = ['elasticloadbalancing:RegisterTargets'];

/**
 * Takes the instances out of their Auto Scaling groups (20 per call, AWS's limit) so the group does
 * not terminate them when they turn unhealthy. Keeping the desired capacity (the default) makes the
 * group launch a clean replacement, so the service keeps running.
 */
/**
 * One membership change at a time per group in this process: concurrent detaches from one group race
 * in its capacity bookkeeping (replacements launched twice, or a member terminated to rebalance).
 */
const groupQueues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(group: string, work: () => Promise<T>): Promise<T> {
  const previous = groupQueues.get(group) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  groupQueues.set(group, settled);
  void settled.then(() => {
    if (groupQueues.get(group) === settled) groupQueues.delete(group);
  });
  return next;
}

export async function detachFromGroups(
  clients: AwsClients,
  region: string,
  groups: Map<string, string[]>,
  decrementDesiredCapacity: boolean,
): Promise<void> {
  const autoscaling = clients.client(AutoScalingClient, region);
  for (const [AutoScalingGroupName, ids] of groups)
    for (let i = 0; i < ids.length; i += 20)
      await oneAtATime(`${region}|${AutoScalingGroupName}`, () =>
        autoscaling
          .send(
            new DetachInstancesCommand({
              AutoScalingGroupName,
              InstanceIds: ids.slice(i, i + 20),
              ShouldDecrementDesiredCapacity: decrementDesiredCapacity,
            }),
          )
          .catch((error) =>
            settledAlready(clients, region, AutoScalingGroupName, ids.slice(i, i + 20), false, error),
          ),
      );
}

/**
 * A detach or attach refused with a ValidationError may be the retry of a call whose first answer was
 * lost: if the instances already are where the call wanted them, that is success.
 */
async function settledAlready(
  clients: AwsClients,
  region: string,
  group: string,
  ids: string[],
  wantIn: boolean,
  error: unknown,
): Promise<void> {
  if (awsErrorCode(error) !== 'ValidationError') throw error;
  const answer = await clients
    .client(AutoScalingClient, region)
    .send(new DescribeAutoScalingInstancesCommand({ InstanceIds: ids }));
  const inGroup = new Set(
    (answer.AutoScalingInstances ?? [])
      .filter((a) => a.AutoScalingGroupName === group && !/^Detach/.test(a.LifecycleState ?? ''))
      .map((a) => a.InstanceId),
  );
  if (!ids.every((id) => inGroup.has(id) === wantIn)) throw error;
}

/** Undo: attaches the instances again (AWS raises the desired capacity by as many). */
export async function attachToGroups(
  clients: AwsClients,
  region: string,
  groups: Map<string, string[]>,
): Promise<void> {
  const autoscaling = clients.client(AutoScalingClient, region);
  for (const [AutoScalingGroupName, ids] of groups)
    for (let i = 0; i < ids.length; i += 20)
      await oneAtATime(`${region}|${AutoScalingGroupName}`, () =>
        autoscaling
          .send(new AttachInstancesCommand({ AutoScalingGroupName, InstanceIds: ids.slice(i, i + 20) }))
          .catch((error) =>
            settledAlready(clients, region, AutoScalingGroupName, ids.slice(i, i + 20), true, error),
          ),
      );
}

/**
 * Deregisters (or, for undo, registers) the targets. A deregistration refused because the target is not
 * there is success when the group indeed no longer serves it: a retried call whose first answer was
 * lost, or the Auto Scaling detach having deregistered it first.
 */
export async function deregisterTargets(
  clients: AwsClients,
  region: string,
  groups: Map<string, { Id: string; Port?: number | undefined }[]>,
  register = false,
): Promise<void> {
  const elb = clients.client(ElasticLoadBalancingV2Client, region);
  await Promise.all(
    [...groups].map(async ([TargetGroupArn, Targets]) => {
      if (register) return void (await elb.send(new RegisterTargetsCommand({ TargetGroupArn, Targets })));
      try {
        await elb.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets }));
      } catch (error) {
        if (awsErrorCode(error) !== 'InvalidTarget' && awsErrorCode(error) !== 'InvalidTargetException')
          throw error;
        const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn }));
        const ids = new Set(Targets.map((t) => t.Id));
        const serving = (health.TargetHealthDescriptions ?? []).some(
          (d) => ids.has(d.Target?.Id ?? '') && !['draining', 'unused'].includes(d.TargetHealth?.State ?? ''),
        );
        if (serving) throw error;
      }
    }),
  );
}
