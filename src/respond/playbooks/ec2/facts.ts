import { AutoScalingClient, DescribeAutoScalingInstancesCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeIamInstanceProfileAssociationsCommand,
  EC2Client,
  type Instance,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../../../aws/clients.js';
import { GarrisonError } from '../../../errors.js';
import { awsErrorCode } from '../shared/aws-errors.js';

export interface InterfaceFacts {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  deviceIndex: number;
  groupIds: string[];
}

/** Everything containment needs to know about one instance, read before anything changes: the evidence. */
export interface InstanceFacts {
  instanceId: string;
  region: string;
  state: string;
  vpcId: string;
  tags: Record<string, string>;
  networkInterfaces: InterfaceFacts[];
  volumeIds: string[];
  /** The current instance-profile association (DescribeInstances can lag behind it). */
  profile?: { associationId: string; arn: string } | undefined;
  autoScalingGroup?: { name: string; lifecycleState: string } | undefined;
  targetGroups: { arn: string; port?: number | undefined }[];
  /** DescribeInstances as AWS returned it. */
  instance: Instance;
}

export const FACT_ACTIONS = [
  'ec2:DescribeInstances',
  'ec2:DescribeIamInstanceProfileAssociations',
  'autoscaling:DescribeAutoScalingInstances',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
];

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

export function checkInstanceId(id: string): string {
  if (!INSTANCE_ID.test(id))
    throw new GarrisonError('input', `not an EC2 instance id: ${JSON.stringify(id.slice(0, 80))}`);
  return id;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads the instances with their interfaces, volumes, profile, Auto Scaling group and target groups.
 * Calls are batched over all instances: 4 calls plus one per target group in the VPCs concerned.
 */
export async function gatherInstanceFacts(
  clients: AwsClients,
  region: string,
  instanceIds: string[],
): Promise<InstanceFacts[]> {
  const ids = [...new Set(instanceIds.map(checkInstanceId))];
  if (ids.length === 0) return [];
  const ec2 = clients.client(EC2Client, region);
  const instances: Instance[] = [];
  try {
    for await (const page of paginateDescribeInstances({ client: ec2 }, { InstanceIds: ids }))
      for (const r of page.Reservations ?? []) instances.push(...(r.Instances ?? []));
  } catch (error) {
    if (awsErrorCode(error)?.startsWith('InvalidInstanceID'))
      throw new GarrisonError('not-found', `instance not found in ${region}: ${ids.join(', ')}`, {
        cause: error,
        hint: 'check the instance ids and --region',
      });
    throw error;
  }
  const missing = ids.filter((id) => !instances.some((i) => i.InstanceId === id));
  if (missing.length)
    throw new GarrisonError('not-found', `instance not found in ${region}: ${missing.join(', ')}`);

  const [associations, scaling, targets] = await Promise.all([
    ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({ Filters: [{ Name: 'instance-id', Values: ids }] }),
    ),
    Promise.all(
      chunks(ids, 50).map((InstanceIds) =>
        clients
          .client(AutoScalingClient, region)
          .send(new DescribeAutoScalingInstancesCommand({ InstanceIds })),
      ),
    ),
    targetGroupsOf(clients, region, ids, new Set(instances.map((i) => i.VpcId ?? ''))),
  ]);
  return ids.map((id) => {
    const instance = instances.find((i) => i.InstanceId === id) as Instance;
    const association = associations.IamInstanceProfileAssociations?.find(
      (a) => a.InstanceId === id && (a.State === 'associated' || a.State === 'associating'),
    );
    const asg = scaling.flatMap((s) => s.AutoScalingInstances ?? []).find((a) => a.InstanceId === id);
    return {
      instanceId: id,
      region,
      state: instance.State?.Name ?? 'unknown',
      vpcId: instance.VpcId ?? '',
      tags: Object.fromEntries((instance.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
      networkInterfaces: (instance.NetworkInterfaces ?? []).map((n) => ({
        networkInterfaceId: n.NetworkInterfaceId ?? '',
        subnetId: n.SubnetId ?? '',
        vpcId: n.VpcId ?? instance.VpcId ?? '',
        deviceIndex: n.Attachment?.DeviceIndex ?? 0,
        groupIds: (n.Groups ?? []).map((g) => g.GroupId ?? ''),
      })),
      volumeIds: (instance.BlockDeviceMappings ?? [])
        .map((b) => b.Ebs?.VolumeId)
        .filter((v): v is string => !!v),
      profile: association
        ? { associationId: association.AssociationId ?? '', arn: association.IamInstanceProfile?.Arn ?? '' }
        : undefined,
      autoScalingGroup: asg
        ? { name: asg.AutoScalingGroupName ?? '', lifecycleState: asg.LifecycleState ?? '' }
        : undefined,
      targetGroups: targets.get(id) ?? [],
      instance,
    };
  });
}

/** Instance id -> the target groups (in the given VPCs) where it is registered, with the port. */
export async function targetGroupsOf(
  clients: AwsClients,
  region: string,
  ids: string[],
  vpcs: Set<string>,
): Promise<Map<string, { arn: string; port?: number | undefined }[]>> {
  const elb = clients.client(ElasticLoadBalancingV2Client, region);
  const wanted = new Set(ids);
  const found = new Map<string, { arn: string; port?: number | undefined }[]>();
  const groups: string[] = [];
  for await (const page of paginateDescribeTargetGroups({ client: elb }, {}))
    for (const g of page.TargetGroups ?? [])
      if (g.TargetGroupArn && g.TargetType === 'instance' && vpcs.has(g.VpcId ?? ''))
        groups.push(g.TargetGroupArn);
  await Promise.all(
    groups.map(async (arn) => {
      const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
      for (const d of health.TargetHealthDescriptions ?? []) {
        const id = d.Target?.Id;
        if (!id || !wanted.has(id) || d.TargetHealth?.State === 'draining') continue;
        found.set(id, [...(found.get(id) ?? []), { arn, port: d.Target?.Port }]);
      }
    }),
  );
  return found;
}
