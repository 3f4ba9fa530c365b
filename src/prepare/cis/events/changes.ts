import { type AlarmTestEvent, apiCall } from './build.js';

const call = (
  source: string,
  name: string,
  raises: AlarmTestEvent['raises'],
  params: Record<string, unknown> = {},
) => ({
  name: `${name} (${source.replace('.amazonaws.com', '')})`,
  raises,
  record: apiCall(source, name, { requestParameters: params }),
});

const nearMiss = (source: string, name: string, why: string, params: Record<string, unknown> = {}) => ({
  ...call(source, name, [], params),
  name: `near miss: ${name} (${why})`,
});

/** Changes to policies, logging, keys, network and the organization: one or more per alarm, and near misses. */
export const CHANGE_EVENTS: AlarmTestEvent[] = [
  call('iam.amazonaws.com', 'PutUserPolicy', ['iam-policy-changes'], {
    userName: 'alice',
    policyName: 'AllowAll',
    policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  }),
  call('iam.amazonaws.com', 'AttachRolePolicy', ['iam-policy-changes'], {
    roleName: 'ci-deploy',
    policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  }),
  call('iam.amazonaws.com', 'CreatePolicyVersion', ['iam-policy-changes'], { setAsDefault: true }),
  nearMiss('iam.amazonaws.com', 'GetPolicy', 'a read'),
  nearMiss('iam.amazonaws.com', 'PutUserPermissionsBoundary', 'not in the CIS list'),
  call('cloudtrail.amazonaws.com', 'StopLogging', ['cloudtrail-changes'], { name: 'management-events' }),
  call('cloudtrail.amazonaws.com', 'DeleteTrail', ['cloudtrail-changes'], { name: 'management-events' }),
  call('cloudtrail.amazonaws.com', 'UpdateTrail', ['cloudtrail-changes'], { isMultiRegionTrail: false }),
  {
    name: 'StopLogging refused (AccessDenied): two alarms',
    raises: ['cloudtrail-changes', 'unauthorized-api-calls'],
    record: apiCall('cloudtrail.amazonaws.com', 'StopLogging', { errorCode: 'AccessDenied' }),
  },
  nearMiss('cloudtrail.amazonaws.com', 'DescribeTrails', 'a read'),
  nearMiss('cloudtrail.amazonaws.com', 'PutEventSelectors', 'not in the CIS list'),
  call('kms.amazonaws.com', 'ScheduleKeyDeletion', ['kms-key-disable-or-deletion'], {
    pendingWindowInDays: 7,
  }),
  call('kms.amazonaws.com', 'DisableKey', ['kms-key-disable-or-deletion']),
  nearMiss('kms.amazonaws.com', 'DisableKeyRotation', 'another event name'),
  nearMiss('kms.amazonaws.com', 'EnableKey', 'the opposite change'),
  call('s3.amazonaws.com', 'PutBucketPolicy', ['s3-bucket-policy-changes'], {
    bucketName: 'cloudtrail-logs',
  }),
  call('s3.amazonaws.com', 'DeleteBucketPolicy', ['s3-bucket-policy-changes'], {
    bucketName: 'cloudtrail-logs',
  }),
  call('s3.amazonaws.com', 'PutBucketAcl', ['s3-bucket-policy-changes'], { bucketName: 'cloudtrail-logs' }),
  nearMiss('s3.amazonaws.com', 'GetBucketPolicy', 'a read'),
  nearMiss('s3.amazonaws.com', 'DeletePublicAccessBlock', 'not in the CIS list'),
  call('config.amazonaws.com', 'StopConfigurationRecorder', ['config-changes']),
  call('config.amazonaws.com', 'DeleteDeliveryChannel', ['config-changes']),
  nearMiss('config.amazonaws.com', 'DescribeConfigurationRecorders', 'a read'),
  call('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', ['security-group-changes'], {
    groupId: 'sg-0abc',
  }),
  call('ec2.amazonaws.com', 'CreateSecurityGroup', ['security-group-changes'], { groupName: 'open' }),
  nearMiss('ec2.amazonaws.com', 'ModifySecurityGroupRules', 'not in the CIS list'),
  call('ec2.amazonaws.com', 'CreateNetworkAclEntry', ['nacl-changes'], { ruleAction: 'allow' }),
  call('ec2.amazonaws.com', 'ReplaceNetworkAclAssociation', ['nacl-changes']),
  nearMiss('ec2.amazonaws.com', 'DescribeNetworkAcls', 'a read'),
  call('ec2.amazonaws.com', 'AttachInternetGateway', ['network-gateway-changes'], { vpcId: 'vpc-0abc' }),
  call('ec2.amazonaws.com', 'CreateCustomerGateway', ['network-gateway-changes']),
  nearMiss('ec2.amazonaws.com', 'CreateNatGateway', 'not in the CIS list'),
  call('ec2.amazonaws.com', 'CreateRoute', ['route-table-changes'], { destinationCidrBlock: '0.0.0.0/0' }),
  call('ec2.amazonaws.com', 'DisassociateRouteTable', ['route-table-changes']),
  nearMiss('ec2.amazonaws.com', 'DescribeRouteTables', 'a read'),
  call('ec2.amazonaws.com', 'CreateVpcPeeringConnection', ['vpc-changes'], { peerOwnerId: '444455556666' }),
  call('ec2.amazonaws.com', 'DeleteVpc', ['vpc-changes']),
  nearMiss('ec2.amazonaws.com', 'CreateVpcEndpoint', 'not in the CIS list'),
  call('organizations.amazonaws.com', 'LeaveOrganization', ['organizations-changes']),
  call('organizations.amazonaws.com', 'InviteAccountToOrganization', ['organizations-changes']),
  call('organizations.amazonaws.com', 'CreatePolicy', ['organizations-changes', 'iam-policy-changes'], {
    type: 'SERVICE_CONTROL_POLICY',
  }),
  nearMiss('organizations.amazonaws.com', 'DescribeOrganization', 'a read'),
  nearMiss('ec2.amazonaws.com', 'DisableKey', 'DisableKey from another service'),
  nearMiss('iam.amazonaws.com', 'CreateAccount', 'CreateAccount not from organizations'),
];
