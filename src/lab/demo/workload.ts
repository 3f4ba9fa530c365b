/**
 * The victim workload the demo attacks: a VPC with two subnets, a web security group, an instance
 * role and its instance profile, a launch template, an Auto Scaling group of web instances behind a
 * target group, and a data bucket holding a few customer files. Built with the SDK, as an account
 * owner would, against whatever endpoint the clients point at (the local emulator).
 */

import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  AssociateIamInstanceProfileCommand,
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeImagesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';

export interface VictimWorkload {
  accountId: string;
  region: string;
  vpcId: string;
  subnetIds: string[];
  webGroupId: string;
  roleName: string;
  roleId: string;
  instanceProfileName: string;
  launchTemplateName: string;
  autoScalingGroup: string;
  targetGroupArn: string;
  /** The web instances, in the order the group reports them; the first is the one the story compromises. */
  instanceIds: string[];
  dataBucket: string;
  dataObjects: string[];
}

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** The data an attacker would want: small files, so the demo stays fast. */
const DATA_OBJECTS: Record<string, string> = {
  'exports/customers-2026-11.csv':
    'id,name,email\n1,Ada Example,ada@example.com\n2,Bo Example,bo@example.com\n',
  'exports/orders-2026-11.csv': 'order,customer,total\n1001,1,42.00\n1002,2,17.50\n',
  'backups/db-config.json': '{"host":"db.internal.example","port":5432}\n',
};

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null || value === '')
    throw new GarrisonError('aws', `building the demo workload: AWS returned no ${what}`);
  return value;
}

export async function buildVictimWorkload(
  clients: AwsClients,
  options: { region: string; accountId: string; instances?: number; name?: string },
): Promise<VictimWorkload> {
  const { region, accountId } = options;
  const name = options.name ?? 'shop-web';
  const count = options.instances ?? 2;
  const ec2 = clients.client(EC2Client, region);
  const iam = clients.client(IAMClient, region);
  const s3 = clients.client(S3Client, region);

  const vpcId = need(
    (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc?.VpcId,
    'VPC id',
  );
  const subnetIds: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.20.${i + 1}.0/24`,
        AvailabilityZone: `${region}${az}`,
      }),
    );
    subnetIds.push(need(subnet.Subnet?.SubnetId, 'subnet id'));
  }
  const webGroupId = need(
    (
      await ec2.send(
        new CreateSecurityGroupCommand({ GroupName: `${name}-sg`, Description: 'web tier', VpcId: vpcId }),
      )
    ).GroupId,
    'security group id',
  );

  const roleName = `${name}-instance-role`;
  const role = await iam.send(
    new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: EC2_TRUST }),
  );
  const instanceProfileName = `${name}-instance-profile`;
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: instanceProfileName }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: instanceProfileName, RoleName: roleName }),
  );

  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], MaxResults: 5 }));
  const imageId = need(images.Images?.[0]?.ImageId, 'machine image');
  const launchTemplateName = `${name}-lt`;
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: launchTemplateName,
      LaunchTemplateData: {
        ImageId: imageId,
        InstanceType: 't3.micro',
        SecurityGroupIds: [webGroupId],
        IamInstanceProfile: { Name: instanceProfileName },
      },
    }),
  );
  const targetGroup = await clients.client(ElasticLoadBalancingV2Client, region).send(
    new CreateTargetGroupCommand({
      Name: `${name}-tg`,
      Protocol: 'HTTP',
      Port: 80,
      VpcId: vpcId,
      TargetType: 'instance',
    }),
  );
  const targetGroupArn = need(targetGroup.TargetGroups?.[0]?.TargetGroupArn, 'target group ARN');

  const autoscaling = clients.client(AutoScalingClient, region);
  const autoScalingGroup = `${name}-asg`;
  await autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: autoScalingGroup,
      LaunchTemplate: { LaunchTemplateName: launchTemplateName, Version: '$Latest' },
      MinSize: count,
      MaxSize: count + 2,
      DesiredCapacity: count,
      VPCZoneIdentifier: subnetIds.join(','),
      TargetGroupARNs: [targetGroupArn],
    }),
  );
  const group = await autoscaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [autoScalingGroup] }),
  );
  const instanceIds = (group.AutoScalingGroups?.[0]?.Instances ?? []).map((i) =>
    need(i.InstanceId, 'instance id'),
  );
  if (instanceIds.length < count)
    throw new GarrisonError(
      'aws',
      `the Auto Scaling group launched ${instanceIds.length} of ${count} instances`,
    );
  // An endpoint that ignores the launch template's profile gets it associated explicitly.
  const associations = await ec2.send(
    new DescribeIamInstanceProfileAssociationsCommand({
      Filters: [{ Name: 'instance-id', Values: instanceIds }],
    }),
  );
  const withProfile = new Set((associations.IamInstanceProfileAssociations ?? []).map((a) => a.InstanceId));
  for (const id of instanceIds.filter((i) => !withProfile.has(i)))
    await ec2.send(
      new AssociateIamInstanceProfileCommand({
        InstanceId: id,
        IamInstanceProfile: { Name: instanceProfileName },
      }),
    );

  const dataBucket = `${name}-customer-data-${accountId}`;
  await s3.send(
    new CreateBucketCommand({
      Bucket: dataBucket,
      ...(region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
    }),
  );
  for (const [key, body] of Object.entries(DATA_OBJECTS))
    await s3.send(new PutObjectCommand({ Bucket: dataBucket, Key: key, Body: body }));

  return {
    accountId,
    region,
    vpcId,
    subnetIds,
    webGroupId,
    roleName,
    roleId: need(role.Role?.RoleId, 'role id'),
    instanceProfileName,
    launchTemplateName,
    autoScalingGroup,
    targetGroupArn,
    instanceIds,
    dataBucket,
    dataObjects: Object.keys(DATA_OBJECTS),
  };
}
