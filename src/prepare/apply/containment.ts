import { EC2Client, EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import {
  ensureIsolationGroups,
  ISOLATION_GROUP_ACTIONS,
  lookupIsolationGroups,
} from '../../respond/playbooks/ec2/isolation-groups.js';
import type { StepContext } from '../../respond/step.js';
import { readEbsEncryptionByDefault, readIsolation } from '../state/containment.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import type { PrepareTarget } from './settings.js';

type VpcsByRegion = Record<string, { vpcId: string; ready: boolean }[]>;

/** Every VPC of every region, and whether it has garrison's isolation pair (found by its tag, as containment finds it). */
async function isolationOf(ctx: StepContext<PrepareTarget>, fresh: boolean): Promise<VpcsByRegion> {
  const out: VpcsByRegion = {};
  for (const region of ctx.target.snapshot.regions) {
    const seen = ctx.target.snapshot.isolation[region];
    const vpcs = !fresh && seen?.ok ? seen.value.vpcs : (await readIsolation(ctx.clients, region)).vpcs;
    out[region] = [];
    for (const v of vpcs) {
      const groups = await lookupIsolationGroups(ctx.clients, region, v.vpcId);
      out[region].push({ vpcId: v.vpcId, ready: Boolean(groups) });
    }
  }
  return out;
}

export function isolationGaps(state: VpcsByRegion): Change[] {
  return Object.entries(state).flatMap(([region, vpcs]) =>
    vpcs
      .filter((v) => !v.ready)
      .map((v) => ({
        kind: 'isolation-groups',
        region,
        vpc: v.vpcId,
        summary: `${region}: create the isolation security groups garrison-untrack and garrison-isolation in ${v.vpcId}`,
      })),
  );
}

export const isolationGroupsStep = prepareStep<VpcsByRegion>({
  id: 'isolation-groups',
  title: 'The isolation security groups the EC2 containment playbook uses, in every VPC',
  iamActions: ['ec2:DescribeVpcs', ...ISOLATION_GROUP_ACTIONS],
  observe: isolationOf,
  gaps: isolationGaps,
  async make(ctx, changes) {
    for (const c of changes) await ensureIsolationGroups(ctx.clients, c.region as string, c.vpc as string);
    return [];
  },
  ready: (s) => `${Object.values(s).flat().length} VPC(s) have their isolation groups`,
});

export const ebsEncryptionStep = prepareStep<Record<string, boolean>>({
  id: 'ebs-encryption-by-default',
  title: 'EBS encryption by default in every region (evidence snapshots are encrypted)',
  iamActions: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault'],
  async observe(ctx, fresh) {
    const out: Record<string, boolean> = {};
    for (const region of ctx.target.snapshot.regions) {
      const seen = ctx.target.snapshot.ebsEncryptionByDefault[region];
      out[region] = !fresh && seen?.ok ? seen.value : await readEbsEncryptionByDefault(ctx.clients, region);
    }
    return out;
  },
  gaps: (s) =>
    Object.entries(s)
      .filter(([, on]) => !on)
      .map(([region]) => ({
        kind: 'enable-ebs-encryption',
        region,
        update: true,
        summary: `${region}: turn on EBS encryption by default`,
      })),
  async make(ctx, changes) {
    const ids: string[] = [];
    for (const c of changes)
      ids.push(
        ...idsOf(
          await ctx.clients
            .client(EC2Client, c.region as string)
            .send(new EnableEbsEncryptionByDefaultCommand({})),
        ),
      );
    return ids;
  },
  ready: (s) => `EBS encryption by default is on in ${Object.keys(s).length} region(s)`,
});
