import {
  AttachInstancesCommand,
  AutoScalingClient,
  DetachInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DeregisterTargetsCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../../../aws/clients.js';
import type { InstanceFacts } from './facts.js';

export const SCALING_ACTIONS = ['autoscaling:DetachInstances'];
export const SCALING_UNDO_ACTIONS = ['autoscaling:AttachInstances'];
export const TARGET_ACTIONS = ['elasticloadbalancing:DeregisterTargets'];
export const TARGET_UNDO_ACTIONS = ['elasticloadbalancing:RegisterTargets'];

/** Auto Scaling group name -> the instances to take out of it. */
export function byGroup(facts: InstanceFacts[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const f of facts) {
    const name = f.autoScalingGroup?.name;
    if (name) groups.set(name, [...(groups.get(name) ?? []), f.instanceId]);
  }
  return groups;
}

/**
 * Takes the instances out of their Auto Scaling groups (20 per call, AWS's limit) so the group does
 * not terminate them when they turn unhealthy. Keeping the desired capacity (the default) makes the
 * group launch a clean replacement, so the service keeps running.
 */
export async function detachFromGroups(
  clients: AwsClients,
  region: string,
  groups: Map<string, string[]>,
  decrementDesiredCapacity: boolean,
): Promise<void> {
  const autoscaling = clients.client(AutoScalingClient, region);
  for (const [AutoScalingGroupName, ids] of groups)
    for (let i = 0; i < ids.length; i += 20)
      await autoscaling.send(
        new DetachInstancesCommand({
          AutoScalingGroupName,
          InstanceIds: ids.slice(i, i + 20),
          ShouldDecrementDesiredCapacity: decrementDesiredCapacity,
        }),
      );
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
      await autoscaling.send(
        new AttachInstancesCommand({ AutoScalingGroupName, InstanceIds: ids.slice(i, i + 20) }),
      );
}

/** Target group ARN -> the (instance, port) targets to deregister. */
export function byTargetGroup(
  facts: InstanceFacts[],
): Map<string, { Id: string; Port?: number | undefined }[]> {
  const groups = new Map<string, { Id: string; Port?: number | undefined }[]>();
  for (const f of facts)
    for (const tg of f.targetGroups)
      groups.set(tg.arn, [...(groups.get(tg.arn) ?? []), { Id: f.instanceId, Port: tg.port }]);
  return groups;
}

export async function deregisterTargets(
  clients: AwsClients,
  region: string,
  groups: Map<string, { Id: string; Port?: number | undefined }[]>,
  register = false,
): Promise<void> {
  const elb = clients.client(ElasticLoadBalancingV2Client, region);
  await Promise.all(
    [...groups].map(([TargetGroupArn, Targets]) =>
      elb.send(
        register
          ? new RegisterTargetsCommand({ TargetGroupArn, Targets })
          : new DeregisterTargetsCommand({ TargetGroupArn, Targets }),
      ),
    ),
  );
}
