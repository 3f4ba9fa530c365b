import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Step } from '../../step.js';
import { toJson } from '../shared/json.js';
import type { InterfaceFacts } from './facts.js';
import {
  ensureIsolationGroups,
  ISOLATION_GROUP_ACTIONS,
  type IsolationGroups,
  isolationGroupIsEmpty,
  lookupIsolationGroups,
} from './isolation-groups.js';
import {
  associateAcls,
  ensureDenyAllAcl,
  lookupDenyAllAcls,
  NACL_ACTIONS,
  readSubnetAcls,
  type SubnetAcl,
} from './nacl.js';
import { isIsolated, isolateInterfaces, NETWORK_ACTIONS, restoreInterfaces } from './network.js';
import { currentFacts, type Ec2Context, type Ec2Target } from './target.js';

async function groupsByVpc(ctx: Ec2Context, vpcs: Iterable<string>, create: boolean) {
  const out = new Map<string, IsolationGroups>();
  for (const vpc of new Set(vpcs)) {
    const g = create
      ? await ensureIsolationGroups(ctx.clients, ctx.target.region, vpc)
      : await lookupIsolationGroups(ctx.clients, ctx.target.region, vpc);
    if (g) out.set(vpc, g);
  }
  return out;
}

export const isolateNetwork: Step<Ec2Target> = {
  id: 'isolate-network',
  title: 'Isolate every network interface (all-traffic group first, then the empty isolation group)',
  reads: ['target.id'],
  iamActions: [...ISOLATION_GROUP_ACTIONS, ...NETWORK_ACTIONS, 'ec2:DescribeNetworkInterfaces'],
  idempotent: true,
  // Termination protection and the shutdown behaviour are set before the groups change, and the
  // instance is out of its Auto Scaling group before isolation fails its health checks (a group
  // replaces, i.e. terminates, an unhealthy member).
  dependsOn: ['record-metadata', 'protect-instance', 'detach-auto-scaling'],
  async plan(ctx) {
    const f = await currentFacts(ctx);
    const groups = await groupsByVpc(
      ctx,
      f.networkInterfaces.map((n) => n.vpcId),
      false,
    );
    const todo = f.networkInterfaces.filter((n) => !isIsolated(n, groups.get(n.vpcId)));
    if (todo.length === 0)
      return {
        willChange: false,
        summary: `${f.networkInterfaces.length} interface(s) already isolated`,
        output: toJson([...groups.values()]),
      };
    const missing = [...new Set(todo.map((n) => n.vpcId))].filter((v) => !groups.has(v));
    return {
      willChange: true,
      summary: `move ${todo.map((n) => `${n.networkInterfaceId} (${n.groupIds.join(', ') || 'no group'})`).join(', ')} to the untrack group, then to the isolation group${missing.length ? `; create both groups in ${missing.join(', ')}` : ''}`,
      before: toJson(todo),
      change: toJson({ interfaces: todo.map((n) => n.networkInterfaceId), createGroupsIn: missing }),
    };
  },
  async apply(ctx, plan) {
    const before = plan.before as unknown as InterfaceFacts[];
    const groups = await groupsByVpc(
      ctx,
      before.map((n) => n.vpcId),
      true,
    );
    await isolateInterfaces(ctx.clients, ctx.target.region, before, groups);
    return { output: toJson([...groups.values()]) };
  },
  async verify(ctx) {
    const answer = await ctx.clients.client(EC2Client, ctx.target.region).send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [ctx.target.id] }],
      }),
    );
    const enis = answer.NetworkInterfaces ?? [];
    const groups = await groupsByVpc(
      ctx,
      enis.map((n) => n.VpcId ?? ''),
      false,
    );
    const problems: string[] = [];
    const extras: string[] = [];
    for (const n of enis) {
      const g = groups.get(n.VpcId ?? '');
      const ids = (n.Groups ?? []).map((x) => x.GroupId ?? '');
      if (!g || !ids.includes(g.isolationGroupId))
        problems.push(`${n.NetworkInterfaceId} not isolated (${ids.join(', ')})`);
      else if (ids.length > 1)
        extras.push(
          `${n.NetworkInterfaceId} also lists ${ids.filter((i) => i !== g.isolationGroupId).join(', ')}`,
        );
    }
    for (const g of groups.values())
      if (!(await isolationGroupIsEmpty(ctx.clients, ctx.target.region, g.isolationGroupId)))
        problems.push(`isolation group ${g.isolationGroupId} has rules`);
    if (enis.length === 0) problems.push('no network interface found');
    return {
      ok: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `${enis.length} interface(s) on the isolation group${extras.length ? ` (${extras.join('; ')})` : ''}`,
    };
  },
  async undo(ctx, entry) {
    await restoreInterfaces(
      ctx.clients,
      entry.region ?? ctx.target.region,
      entry.before as unknown as InterfaceFacts[],
    );
    return {};
  },
  describeUndo: (entry) =>
    `give ${(entry.before as unknown as InterfaceFacts[]).map((n) => `${n.networkInterfaceId} back ${n.groupIds.join(', ')}`).join('; ')}`,
};

async function denyAllAcls(ctx: Ec2Context, vpcs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const vpc of new Set(vpcs)) out.set(vpc, await ensureDenyAllAcl(ctx.clients, ctx.target.region, vpc));
  return out;
}

export const cutSubnets: Step<Ec2Target> = {
  id: 'cut-subnet-acl',
  title: 'With --nacl: move the instance subnets to a deny-all network ACL',
  reads: ['target.id', 'target.nacl'],
  iamActions: NACL_ACTIONS,
  idempotent: true,
  dependsOn: ['record-metadata', 'isolate-network'],
  async plan(ctx) {
    if (!ctx.target.nacl) return { willChange: false, summary: 'subnets left alone (no --nacl)' };
    const f = await currentFacts(ctx);
    const subnets = [...new Set(f.networkInterfaces.map((n) => n.subnetId))];
    const current = await readSubnetAcls(ctx.clients, ctx.target.region, subnets);
    const denyIds = new Set<string>();
    for (const vpc of new Set(current.map((c) => c.vpcId)))
      for (const id of await lookupDenyAllAcls(ctx.clients, ctx.target.region, vpc)) denyIds.add(id);
    const todo = current.filter((c) => !denyIds.has(c.networkAclId));
    if (todo.length === 0)
      return { willChange: false, summary: `subnets ${subnets.join(', ')} already on the deny-all ACL` };
    return {
      willChange: true,
      summary: `move subnets ${todo.map((t) => t.subnetId).join(', ')} to a deny-all network ACL`,
      before: toJson(todo),
      warnings: [
        `the deny-all ACL cuts every resource in ${todo.map((t) => t.subnetId).join(', ')}, not only this instance`,
      ],
    };
  },
  async apply(ctx, plan) {
    const before = plan.before as unknown as SubnetAcl[];
    const acls = await denyAllAcls(
      ctx,
      before.map((b) => b.vpcId),
    );
    await associateAcls(
      ctx.clients,
      ctx.target.region,
      before.map((b) => ({ ...b, networkAclId: acls.get(b.vpcId) ?? '' })),
    );
    return {};
  },
  async verify(ctx) {
    if (!ctx.target.nacl) return { ok: true, detail: 'not asked' };
    const f = await currentFacts(ctx);
    const current = await readSubnetAcls(ctx.clients, ctx.target.region, [
      ...new Set(f.networkInterfaces.map((n) => n.subnetId)),
    ]);
    const bad: string[] = [];
    for (const c of current)
      if (!(await lookupDenyAllAcls(ctx.clients, ctx.target.region, c.vpcId)).includes(c.networkAclId))
        bad.push(c.subnetId);
    return {
      ok: bad.length === 0 && current.length > 0,
      detail: bad.length ? `not cut: ${bad.join(', ')}` : `${current.length} subnet(s) on the deny-all ACL`,
    };
  },
  async undo(ctx, entry) {
    await associateAcls(
      ctx.clients,
      entry.region ?? ctx.target.region,
      entry.before as unknown as SubnetAcl[],
    );
    return {};
  },
  describeUndo: (entry) =>
    `put ${(entry.before as unknown as SubnetAcl[]).map((b) => `${b.subnetId} back on ${b.networkAclId}`).join(', ')}`,
};
