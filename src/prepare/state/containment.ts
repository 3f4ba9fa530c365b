import {
  CreateSecurityGroupCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorName } from './observe.js';

export interface VpcIsolationState {
  vpcId: string;
  /** Security groups with no inbound and no outbound rule: attaching one cuts an instance off. */
  isolationGroups: string[];
}

export interface IsolationState {
  vpcs: VpcIsolationState[];
  /** Whether garrison's identity may create a security group here (EC2 dry run), for VPCs without one. */
  canCreateIsolationGroup: boolean | undefined;
}

/** EC2 default: are new volumes and snapshot copies encrypted in this region? */
export async function readEbsEncryptionByDefault(clients: AwsClients, region: string): Promise<boolean> {
  const ebs = await clients.client(EC2Client, region).send(new GetEbsEncryptionByDefaultCommand({}));
  return ebs.EbsEncryptionByDefault === true;
}

export async function readIsolation(clients: AwsClients, region: string): Promise<IsolationState> {
  const ec2 = clients.client(EC2Client, region);
  const vpcs: VpcIsolationState[] = [];
  for await (const page of paginateDescribeVpcs({ client: ec2 }, {})) {
    for (const v of page.Vpcs ?? []) if (v.VpcId) vpcs.push({ vpcId: v.VpcId, isolationGroups: [] });
  }
  for await (const page of paginateDescribeSecurityGroups({ client: ec2 }, {})) {
    for (const g of page.SecurityGroups ?? []) {
      const sealed = (g.IpPermissions ?? []).length === 0 && (g.IpPermissionsEgress ?? []).length === 0;
      const vpc = vpcs.find((v) => v.vpcId === g.VpcId);
      if (sealed && vpc && g.GroupId) vpc.isolationGroups.push(g.GroupId);
    }
  }
  let canCreateIsolationGroup: boolean | undefined;
  const missing = vpcs.find((v) => v.isolationGroups.length === 0);
  if (missing) {
    try {
      await ec2.send(
        new CreateSecurityGroupCommand({
          DryRun: true,
          GroupName: 'garrison-isolation-dry-run',
          Description: 'garrison readiness audit: dry run only',
          VpcId: missing.vpcId,
        }),
      );
      canCreateIsolationGroup = true;
    } catch (error) {
      const name = awsErrorName(error);
      if (name === 'DryRunOperation') canCreateIsolationGroup = true;
      else if (/UnauthorizedOperation|AccessDenied/.test(name)) canCreateIsolationGroup = false;
      else canCreateIsolationGroup = undefined;
    }
  }
  return { vpcs, canCreateIsolationGroup };
}
