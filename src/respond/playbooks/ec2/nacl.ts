import {
  CreateNetworkAclCommand,
  DescribeNetworkAclsCommand,
  EC2Client,
  ReplaceNetworkAclAssociationCommand,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../../aws/clients.js';
import { PURPOSE_TAG } from './isolation-groups.js';

export const NACL_ACTIONS = [
  'ec2:DescribeNetworkAcls',
  'ec2:CreateNetworkAcl',
  'ec2:CreateTags',
  'ec2:ReplaceNetworkAclAssociation',
];

/** Which network ACL a subnet uses now. */
export interface SubnetAcl {
  subnetId: string;
  vpcId: string;
  networkAclId: string;
}

export async function readSubnetAcls(
  clients: AwsClients,
  region: string,
  subnetIds: string[],
): Promise<SubnetAcl[]> {
  if (subnetIds.length === 0) return [];
  const answer = await clients
    .client(EC2Client, region)
    .send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: subnetIds }] }),
    );
  const out: SubnetAcl[] = [];
  for (const acl of answer.NetworkAcls ?? [])
    for (const a of acl.Associations ?? [])
      if (a.SubnetId && subnetIds.includes(a.SubnetId))
        out.push({ subnetId: a.SubnetId, vpcId: acl.VpcId ?? '', networkAclId: acl.NetworkAclId ?? '' });
  return out;
}

/** The VPC's deny-all ACL (a custom ACL with no entries denies everything), created once and found by tag. */
/** Every deny-all ACL garrison made in the VPC (normally one), lowest id first. */
export async function lookupDenyAllAcls(
  clients: AwsClients,
  region: string,
  vpcId: string,
): Promise<string[]> {
  const found = await clients.client(EC2Client, region).send(
    new DescribeNetworkAclsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: `tag:${PURPOSE_TAG}`, Values: ['deny-all'] },
      ],
    }),
  );
  return (found.NetworkAcls ?? [])
    .map((a) => a.NetworkAclId ?? '')
    .filter(Boolean)
    .sort();
}

export async function lookupDenyAllAcl(
  clients: AwsClients,
  region: string,
  vpcId: string,
): Promise<string | undefined> {
  return (await lookupDenyAllAcls(clients, region, vpcId))[0];
}

export async function ensureDenyAllAcl(clients: AwsClients, region: string, vpcId: string): Promise<string> {
  const ec2 = clients.client(EC2Client, region);
  const existing = await lookupDenyAllAcl(clients, region, vpcId);
  if (existing) return existing;
  const created = await ec2.send(
    new CreateNetworkAclCommand({
      VpcId: vpcId,
      // Idempotent on AWS: a retried create returns the same ACL instead of a second one.
      ClientToken: `garrison-deny-all-${vpcId}`.slice(0, 64),
      TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: PURPOSE_TAG, Value: 'deny-all' }] }],
    }),
  );
  return created.NetworkAcl?.NetworkAclId ?? '';
}

/**
 * Moves each subnet to the given ACL (the subnet's current association is replaced). When a replace
 * fails (a retried call whose first attempt took effect leaves its association id stale, which AWS
 * answers with InvalidAssociationID.NotFound and some emulators with a 500), the associations are
 * read again: subnets already where they should be are done, the rest are tried once more.
 */
export async function associateAcls(clients: AwsClients, region: string, wanted: SubnetAcl[]): Promise<void> {
  const ec2 = clients.client(EC2Client, region);
  for (let attempt = 1; ; attempt++) {
    const answer = await ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [{ Name: 'association.subnet-id', Values: wanted.map((w) => w.subnetId) }],
      }),
    );
    const moves: { AssociationId: string; NetworkAclId: string }[] = [];
    for (const w of wanted)
      for (const acl of answer.NetworkAcls ?? [])
        for (const a of acl.Associations ?? [])
          if (a.SubnetId === w.subnetId && acl.NetworkAclId !== w.networkAclId && a.NetworkAclAssociationId)
            moves.push({ AssociationId: a.NetworkAclAssociationId, NetworkAclId: w.networkAclId });
    if (moves.length === 0) return;
    try {
      await Promise.all(moves.map((m) => ec2.send(new ReplaceNetworkAclAssociationCommand(m))));
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}
