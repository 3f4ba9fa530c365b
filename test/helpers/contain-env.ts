import {
  AttachInstancesCommand,
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  AssociateIamInstanceProfileCommand,
  AttachNetworkInterfaceCommand,
  CreateLaunchTemplateCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AddRoleToInstanceProfileCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../src/aws/clients.js';

/** The compromised workload: a VPC with two subnets, an Auto Scaling group behind a target group. */
export interface Ec2Lab {
  vpcId: string;
  subnetIds: [string, string];
  webGroupId: string;
  dbGroupId: string;
  asgName: string;
  targetGroupArn: string;
  roleName: string;
  instanceProfileName: string;
  instanceProfileArn: string;
  /** Instances in the group, each with a second network interface in the other subnet. */
  instanceIds: string[];
}

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export async function buildEc2Lab(clients: AwsClients, instances = 1, region = 'us-east-1'): Promise<Ec2Lab> {
  const ec2 = clients.client(EC2Client, region);
  const iam = clients.client(IAMClient, region);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId as string;
  const subnets: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    const s = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.0.${i + 1}.0/24`,
        AvailabilityZone: `${region}${az}`,
      }),
    );
    subnets.push(s.Subnet?.SubnetId as string);
  }
  const group = async (name: string) =>
    (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
      .GroupId as string;
  const webGroupId = await group('web');
  const dbGroupId = await group('db');
  const roleName = 'web-role';
  await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trust }));
  const profile = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: roleName }),
  );
  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], MaxResults: 5 }));
  const imageId = images.Images?.[0]?.ImageId as string;
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'web',
      LaunchTemplateData: { ImageId: imageId, InstanceType: 't3.micro', SecurityGroupIds: [webGroupId] },
    }),
  );
  const tg = await clients.client(ElasticLoadBalancingV2Client, region).send(
    new CreateTargetGroupCommand({
      Name: 'web',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: vpcId,
      TargetType: 'instance',
    }),
  );
  const targetGroupArn = tg.TargetGroups?.[0]?.TargetGroupArn as string;
  const asgName = 'web-asg';
  const autoscaling = clients.client(AutoScalingClient, region);
  await autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: asgName,
      LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' },
      MinSize: 0,
      MaxSize: instances + 2,
      DesiredCapacity: 0,
      VPCZoneIdentifier: subnets.join(','),
      TargetGroupARNs: [targetGroupArn],
    }),
  );
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: instances,
      MaxCount: instances,
      SubnetId: subnets[0],
      SecurityGroupIds: [webGroupId],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'app', Value: 'web' }] }],
    }),
  );
  const instanceIds = (run.Instances ?? []).map((i) => i.InstanceId as string);
  await autoscaling.send(
    new AttachInstancesCommand({ AutoScalingGroupName: asgName, InstanceIds: instanceIds }),
  );
  await clients.client(ElasticLoadBalancingV2Client, region).send(
    new RegisterTargetsCommand({
      TargetGroupArn: targetGroupArn,
      Targets: instanceIds.map((Id) => ({ Id })),
    }),
  );
  for (const instanceId of instanceIds) {
    const eni = await ec2.send(
      new CreateNetworkInterfaceCommand({ SubnetId: subnets[1], Groups: [dbGroupId, webGroupId] }),
    );
    await ec2.send(
      new AttachNetworkInterfaceCommand({
        InstanceId: instanceId,
        NetworkInterfaceId: eni.NetworkInterface?.NetworkInterfaceId,
        DeviceIndex: 1,
      }),
    );
    await ec2.send(
      new AssociateIamInstanceProfileCommand({
        InstanceId: instanceId,
        IamInstanceProfile: { Name: 'web-profile' },
      }),
    );
  }
  const check = await autoscaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [asgName] }),
  );
  if ((check.AutoScalingGroups?.[0]?.Instances ?? []).length < instances)
    throw new Error('lab: ASG did not take the instances');
  return {
    vpcId,
    subnetIds: [subnets[0] as string, subnets[1] as string],
    webGroupId,
    dbGroupId,
    asgName,
    targetGroupArn,
    roleName,
    instanceProfileName: 'web-profile',
    instanceProfileArn: profile.InstanceProfile?.Arn as string,
    instanceIds,
  };
}

/** A phished user: two access keys, a console password and a virtual MFA device. */
export async function buildUserLab(
  clients: AwsClients,
  userName = 'alice',
): Promise<{ userName: string; keyIds: string[] }> {
  const iam = clients.client(IAMClient);
  await iam.send(new CreateUserCommand({ UserName: userName }));
  const keyIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    keyIds.push(key.AccessKey?.AccessKeyId as string);
  }
  await iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: 'Correct-Horse-1!' }));
  const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${userName}-mfa` }));
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: mfa.VirtualMFADevice?.SerialNumber,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  return { userName, keyIds };
}

/** A bucket left open to the world: a public-read ACL and a policy granting s3:GetObject to everyone. */
export async function buildPublicBucketLab(
  clients: AwsClients,
  bucket = 'leaky-bucket',
): Promise<{ bucket: string; policy: string }> {
  const s3 = clients.client(S3Client);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    }),
  );
  await s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Public',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
    ],
  });
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
  return { bucket, policy };
}
