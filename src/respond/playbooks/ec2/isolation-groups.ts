import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type IpPermission,
  RevokeSecurityGroupEgressCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../../aws/clients.js';
import { awsErrorCode } from '../shared/aws-errors.js';

/** The tag garrison puts on what it creates for containment, and finds it again by. */
export const PURPOSE_TAG = 'garrison:purpose';

/**
 * The two groups of AWS's isolation method, one pair per VPC. "untrack" allows all traffic from and
 * to anywhere, which turns every existing connection untracked; "isolation" has no rule at all, so
 * moving to it then drops those untracked flows at once (a tracked flow would survive the change).
 */
export interface IsolationGroups {
  vpcId: string;
  untrackGroupId: string;
  isolationGroupId: string;
}

export const ISOLATION_GROUP_ACTIONS = [
  'ec2:DescribeSecurityGroups',
  'ec2:CreateSecurityGroup',
  'ec2:CreateTags',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
];

const ALL_TRAFFIC: IpPermission = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [{ CidrIpv6: '::/0' }],
};

async function findGroups(clients: AwsClients, region: string, vpcId: string): Promise<SecurityGroup[]> {
  const answer = await clients.client(EC2Client, region).send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: `tag:${PURPOSE_TAG}`, Values: ['untrack', 'isolation'] },
      ],
    }),
  );
  return answer.SecurityGroups ?? [];
}

const purposeOf = (g: SecurityGroup) => g.Tags?.find((t) => t.Key === PURPOSE_TAG)?.Value;

/** The VPC's isolation groups if both exist, else undefined (read-only: for plans). */
export async function lookupIsolationGroups(
  clients: AwsClients,
  region: string,
  vpcId: string,
): Promise<IsolationGroups | undefined> {
  const groups = await findGroups(clients, region, vpcId);
  const untrack = groups.find((g) => purposeOf(g) === 'untrack')?.GroupId;
  const isolation = groups.find((g) => purposeOf(g) === 'isolation')?.GroupId;
  return untrack && isolation ? { vpcId, untrackGroupId: untrack, isolationGroupId: isolation } : undefined;
}

/** Finds the VPC's two groups by tag, creating whichever is missing (safe to run twice, or twice at once). */
export async function ensureIsolationGroups(
  clients: AwsClients,
  region: string,
  vpcId: string,
): Promise<IsolationGroups> {
  const existing = await findGroups(clients, region, vpcId);
  const ensure = async (purpose: 'untrack' | 'isolation'): Promise<string> => {
    const found = existing.find((g) => purposeOf(g) === purpose);
    if (found?.GroupId) {
      await shapeGroup(clients, region, found, purpose);
      return found.GroupId;
    }
    const ec2 = clients.client(EC2Client, region);
    let groupId: string;
    try {
      const created = await ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: vpcId,
          GroupName: `garrison-${purpose}`,
          Description:
            purpose === 'untrack'
              ? 'garrison containment step 1: all traffic, makes existing flows untracked'
              : 'garrison containment: no traffic in or out',
          TagSpecifications: [
            { ResourceType: 'security-group', Tags: [{ Key: PURPOSE_TAG, Value: purpose }] },
          ],
        }),
      );
      groupId = created.GroupId ?? '';
    } catch (error) {
      // Another garrison run (or `garrison prepare`) made a group of that name: adopt it, tag it, shape it.
      if (awsErrorCode(error) !== 'InvalidGroup.Duplicate') throw error;
      const named = await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'group-name', Values: [`garrison-${purpose}`] },
          ],
        }),
      );
      const again = named.SecurityGroups?.[0];
      if (!again?.GroupId) throw error;
      if (purposeOf(again) !== purpose)
        await ec2.send(
          new CreateTagsCommand({ Resources: [again.GroupId], Tags: [{ Key: PURPOSE_TAG, Value: purpose }] }),
        );
      await shapeGroup(clients, region, again, purpose);
      return again.GroupId;
    }
    const fresh = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    await shapeGroup(clients, region, fresh.SecurityGroups?.[0] ?? { GroupId: groupId }, purpose);
    return groupId;
  };
  const [untrackGroupId, isolationGroupId] = await Promise.all([ensure('untrack'), ensure('isolation')]);
  return { vpcId, untrackGroupId, isolationGroupId };
}

/** Gives a group exactly the rules its purpose needs: all-traffic ingress, or no egress. */
async function shapeGroup(
  clients: AwsClients,
  region: string,
  group: SecurityGroup,
  purpose: 'untrack' | 'isolation',
) {
  const ec2 = clients.client(EC2Client, region);
  if (purpose === 'untrack') {
    const open = (group.IpPermissions ?? []).some(
      (p) => p.IpProtocol === '-1' && (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0'),
    );
    if (!open)
      try {
        await ec2.send(
          new AuthorizeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: [ALL_TRAFFIC] }),
        );
      } catch (error) {
        if (awsErrorCode(error) !== 'InvalidPermission.Duplicate') throw error;
      }
    return;
  }
  const egress = group.IpPermissionsEgress ?? [];
  if (egress.length)
    try {
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: egress }));
    } catch (error) {
      if (awsErrorCode(error) !== 'InvalidPermission.NotFound') throw error;
    }
}

/** True when the isolation group really has no rule (someone may have added one since). */
export async function isolationGroupIsEmpty(
  clients: AwsClients,
  region: string,
  groupId: string,
): Promise<boolean> {
  const answer = await clients
    .client(EC2Client, region)
    .send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
  const g = answer.SecurityGroups?.[0];
  return !!g && (g.IpPermissions ?? []).length === 0 && (g.IpPermissionsEgress ?? []).length === 0;
}
