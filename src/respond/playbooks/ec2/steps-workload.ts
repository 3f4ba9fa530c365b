import { AutoScalingClient, DescribeAutoScalingInstancesCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Step } from '../../step.js';
import { toJson } from '../shared/json.js';
import { targetGroupsOf } from './facts.js';
import {
  applyProtection,
  PROTECTION_ACTIONS,
  type Protection,
  protectionNeeded,
  readProtection,
  restoreProtection,
} from './protection.js';
import {
  attachToGroups,
  deregisterTargets,
  detachFromGroups,
  SCALING_ACTIONS,
  SCALING_UNDO_ACTIONS,
  TARGET_ACTIONS,
  TARGET_UNDO_ACTIONS,
} from './scaling.js';
import { CASE_TAG, STATUS_TAG, TAG_ACTIONS, tagResources } from './tags.js';
import { currentFacts, type Ec2Target } from './target.js';

export const protectInstance: Step<Ec2Target> = {
  id: 'protect-instance',
  title: 'Enable termination protection and set shutdown behaviour to stop',
  reads: ['target.id'],
  iamActions: PROTECTION_ACTIONS,
  idempotent: true,
  dependsOn: ['record-metadata'],
  async plan(ctx) {
    const p = await readProtection(ctx.clients, ctx.target.region, ctx.target.id);
    if (!protectionNeeded(p)) return { willChange: false, summary: 'already protected, shutdown stops it' };
    const changes = [
      ...(p.terminationProtected ? [] : ['enable termination protection']),
      ...(p.shutdownBehavior === 'stop' ? [] : [`shutdown behaviour ${p.shutdownBehavior} -> stop`]),
    ];
    return { willChange: true, summary: changes.join(', '), before: toJson(p) };
  },
  async apply(ctx, plan) {
    await applyProtection(ctx.clients, ctx.target.region, plan.before as unknown as Protection);
    return {};
  },
  async verify(ctx) {
    const p = await readProtection(ctx.clients, ctx.target.region, ctx.target.id);
    return {
      ok: !protectionNeeded(p),
      detail: `termination protection ${p.terminationProtected ? 'on' : 'OFF'}, shutdown behaviour ${p.shutdownBehavior}`,
    };
  },
  async undo(ctx, entry) {
    await restoreProtection(
      ctx.clients,
      entry.region ?? ctx.target.region,
      entry.before as unknown as Protection,
    );
    return {};
  },
  describeUndo: () => 'remove the termination protection garrison set and restore the shutdown behaviour',
};

interface GroupBefore {
  group: string;
  instanceId: string;
  decrement: boolean;
}

export const detachAutoScaling: Step<Ec2Target> = {
  id: 'detach-auto-scaling',
  title: 'Detach the instance from its Auto Scaling group',
  reads: ['target.id', 'target.decrementDesiredCapacity'],
  iamActions: ['autoscaling:DescribeAutoScalingInstances', ...SCALING_ACTIONS, ...SCALING_UNDO_ACTIONS],
  idempotent: true,
  dependsOn: ['record-metadata'],
  async plan(ctx) {
    const f = await currentFacts(ctx);
    const group = f.autoScalingGroup?.name;
    if (!group) return { willChange: false, summary: 'not in an Auto Scaling group' };
    const decrement = ctx.target.decrementDesiredCapacity === true;
    const before: GroupBefore = { group, instanceId: f.instanceId, decrement };
    return {
      willChange: true,
      summary: `detach from ${group} (${decrement ? 'desired capacity drops by one' : 'desired capacity kept: a replacement launches'})`,
      before: toJson(before),
    };
  },
  async apply(ctx, plan) {
    const b = plan.before as unknown as GroupBefore;
    await detachFromGroups(ctx.clients, ctx.target.region, new Map([[b.group, [b.instanceId]]]), b.decrement);
    return {};
  },
  async verify(ctx) {
    const answer = await ctx.clients
      .client(AutoScalingClient, ctx.target.region)
      .send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [ctx.target.id] }));
    const still = (answer.AutoScalingInstances ?? []).find((a) => !/^Detach/.test(a.LifecycleState ?? ''));
    return {
      ok: !still,
      detail: still
        ? `still in ${still.AutoScalingGroupName} (${still.LifecycleState})`
        : 'in no Auto Scaling group',
    };
  },
  async undo(ctx, entry) {
    const b = entry.before as unknown as GroupBefore;
    await attachToGroups(
      ctx.clients,
      entry.region ?? ctx.target.region,
      new Map([[b.group, [b.instanceId]]]),
    );
    return {};
  },
  describeUndo: (entry) =>
    `attach to ${(entry.before as unknown as GroupBefore)?.group} again (its desired capacity rises by one)`,
};

type Targets = { arn: string; port?: number | undefined }[];

export const deregisterFromTargetGroups: Step<Ec2Target> = {
  id: 'deregister-targets',
  title: 'Deregister the instance from its load-balancer target groups',
  reads: ['target.id'],
  iamActions: [
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
    ...TARGET_ACTIONS,
    ...TARGET_UNDO_ACTIONS,
  ],
  idempotent: true,
  // After the Auto Scaling detach: a group still holding the instance may register it again (and AWS's
  // detach already deregisters it from the group's own target groups).
  dependsOn: ['record-metadata', 'detach-auto-scaling'],
  async plan(ctx) {
    const f = await currentFacts(ctx);
    if (f.targetGroups.length === 0) return { willChange: false, summary: 'in no target group' };
    return {
      willChange: true,
      summary: `deregister from ${f.targetGroups.map((t) => `${t.arn.split(':').pop()}${t.port ? `:${t.port}` : ''}`).join(', ')}`,
      before: toJson(f.targetGroups),
    };
  },
  async apply(ctx, plan) {
    const groups = new Map(
      (plan.before as unknown as Targets).map((t) => [t.arn, [{ Id: ctx.target.id, Port: t.port }]]),
    );
    await deregisterTargets(ctx.clients, ctx.target.region, groups);
    return {};
  },
  async verify(ctx) {
    const f = await currentFacts(ctx);
    const left = (
      await targetGroupsOf(ctx.clients, ctx.target.region, [ctx.target.id], new Set([f.vpcId]))
    ).get(ctx.target.id);
    return {
      ok: !left?.length,
      detail: left?.length
        ? `still registered in ${left.map((t) => t.arn).join(', ')}`
        : 'registered in no target group',
    };
  },
  async undo(ctx, entry) {
    const groups = new Map(
      (entry.before as unknown as Targets).map((t) => [t.arn, [{ Id: entry.target, Port: t.port }]]),
    );
    await deregisterTargets(ctx.clients, entry.region ?? ctx.target.region, groups, true);
    return {};
  },
  describeUndo: (entry) =>
    `register ${entry.target} in its ${(entry.before as unknown as Targets)?.length} target group(s) again`,
};

export const tagWithCase: Step<Ec2Target> = {
  id: 'tag-resources',
  title: 'Tag the instance and its volumes with the case and status',
  reads: ['target.id'],
  iamActions: [...TAG_ACTIONS, 'ec2:DescribeTags'],
  idempotent: true,
  dependsOn: ['record-metadata'],
  async plan(ctx) {
    const f = await currentFacts(ctx);
    const tagged = f.tags[CASE_TAG] === ctx.caseId && f.tags[STATUS_TAG] === 'contained';
    if (ctx.caseId && tagged) return { willChange: false, summary: `already tagged with case ${ctx.caseId}` };
    return {
      willChange: true,
      summary: `tag ${[f.instanceId, ...f.volumeIds].join(', ')} ${CASE_TAG}=${ctx.caseId ?? '<new case>'} ${STATUS_TAG}=contained`,
      before: toJson({ resources: [f.instanceId, ...f.volumeIds] }),
    };
  },
  async apply(ctx, plan) {
    const { resources } = plan.before as unknown as { resources: string[] };
    await tagResources(ctx.clients, ctx.target.region, resources, ctx.caseId ?? 'no-case', 'contained');
    return {};
  },
  async verify(ctx) {
    const f = await currentFacts(ctx);
    const resources = [f.instanceId, ...f.volumeIds];
    const answer = await ctx.clients.client(EC2Client, ctx.target.region).send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'resource-id', Values: resources },
          { Name: 'key', Values: [STATUS_TAG] },
          { Name: 'value', Values: ['contained'] },
        ],
      }),
    );
    const tagged = new Set((answer.Tags ?? []).map((t) => t.ResourceId));
    const missing = resources.filter((r) => !tagged.has(r));
    return {
      ok: missing.length === 0,
      detail: missing.length
        ? `not tagged: ${missing.join(', ')}`
        : `${resources.length} resource(s) tagged contained`,
    };
  },
  async undo(ctx, entry) {
    const { resources } = entry.before as unknown as { resources: string[] };
    await tagResources(ctx.clients, entry.region ?? ctx.target.region, resources, entry.caseId, 'released');
    return {};
  },
  describeUndo: () => `set ${STATUS_TAG}=released on the instance and its volumes (the case tag stays)`,
};
