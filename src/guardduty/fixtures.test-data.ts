/**
 * Realistic GuardDuty findings in the documented JSON format (as EventBridge, S3 exports and the
 * console give them), for tests. Shapes follow GuardDuty's sample findings; ids and names are made up.
 */
const ACCOUNT = '111122223333';

let counter = 0;
function fid(): string {
  counter++;
  return `a1b2c3d4e5f60718293a4b5c6d7e8f${counter.toString(16).padStart(2, '0')}`;
}

export function gdFinding(
  type: string,
  severity: number,
  resource: Record<string, unknown>,
  service: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const id = (extra.id as string | undefined) ?? fid();
  return {
    schemaVersion: '2.0',
    accountId: ACCOUNT,
    region: 'us-east-1',
    partition: 'aws',
    id,
    arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${id}`,
    type,
    resource,
    service: {
      serviceName: 'guardduty',
      detectorId: '12abc34d567e8fa901bc2d34e56789f0',
      archived: false,
      count: 3,
      eventFirstSeen: '2026-11-20T08:15:00.000Z',
      eventLastSeen: '2026-11-20T09:45:12.000Z',
      resourceRole: 'ACTOR',
      ...service,
    },
    severity,
    createdAt: '2026-11-20T08:20:00.000Z',
    updatedAt: '2026-11-20T09:50:00.000Z',
    title: `${type} observed`,
    description: `GuardDuty reports ${type}.`,
    ...extra,
  };
}

const instanceDetails = (instanceId: string) => ({
  instanceId,
  instanceType: 't3.medium',
  instanceState: 'running',
  availabilityZone: 'us-east-1a',
  imageId: 'ami-0abcdef1234567890',
  iamInstanceProfile: {
    arn: `arn:aws:iam::${ACCOUNT}:instance-profile/web-server-role`,
    id: 'AIPAEXAMPLEPROFILEID',
  },
  networkInterfaces: [
    {
      networkInterfaceId: 'eni-0a1b2c3d4e5f67890',
      privateIpAddress: '10.0.1.15',
      publicIp: '198.51.100.20',
      securityGroups: [{ groupId: 'sg-0123456789abcdef0', groupName: 'web' }],
      subnetId: 'subnet-0123456789abcdef0',
      vpcId: 'vpc-0123456789abcdef0',
    },
  ],
  tags: [{ key: 'Name', value: 'web-1' }],
});

const iamUserKey = (userName: string, accessKeyId = 'AKIAIOSFODNN7EXAMPLE') => ({
  accessKeyId,
  principalId: 'AIDACKCEVSQ6C2EXAMPLE',
  userName,
  userType: 'IAMUser',
});

const apiCall = (api: string, serviceName: string, ip = '203.0.113.66', userAgent = 'aws-cli/2.15.0') => ({
  action: {
    actionType: 'AWS_API_CALL',
    awsApiCallAction: {
      api,
      serviceName,
      callerType: 'Remote IP',
      userAgent,
      remoteIpDetails: {
        ipAddressV4: ip,
        country: { countryName: 'Exampleland' },
        organization: { asn: '64500', asnOrg: 'Example Hosting' },
      },
    },
  },
});

/** EC2: an instance querying a Bitcoin-related domain. */
export const ec2Finding = () =>
  gdFinding(
    'CryptoCurrency:EC2/BitcoinTool.B!DNS',
    8,
    { resourceType: 'Instance', instanceDetails: instanceDetails('i-0a1b2c3d4e5f67890') },
    {
      action: {
        actionType: 'DNS_REQUEST',
        dnsRequestAction: { domain: 'pool.example.com', protocol: 'UDP' },
      },
    },
  );

/** EC2 as the target of SSH brute force (the instance is not the actor). */
export const ec2TargetFinding = () =>
  gdFinding(
    'UnauthorizedAccess:EC2/SSHBruteForce',
    2,
    { resourceType: 'Instance', instanceDetails: instanceDetails('i-0b1b2c3d4e5f67890') },
    {
      resourceRole: 'TARGET',
      action: {
        actionType: 'NETWORK_CONNECTION',
        networkConnectionAction: {
          connectionDirection: 'INBOUND',
          protocol: 'TCP',
          localPortDetails: { port: 22, portName: 'SSH' },
          remoteIpDetails: { ipAddressV4: '192.0.2.10' },
        },
      },
    },
  );

/** IAM: an IAM user's key used from a known malicious address. */
export const iamUserFinding = (userName = 'build-bot', userAgent?: string) =>
  gdFinding(
    'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom',
    5,
    { resourceType: 'AccessKey', accessKeyDetails: iamUserKey(userName) },
    apiCall('ListBuckets', 's3.amazonaws.com', '203.0.113.66', userAgent),
  );

/** IAM: a role session calling anomalous discovery APIs. */
export const assumedRoleFinding = () =>
  gdFinding(
    'Discovery:IAMUser/AnomalousBehavior',
    5,
    {
      resourceType: 'AccessKey',
      accessKeyDetails: {
        accessKeyId: 'ASIAEXAMPLESESSION01',
        principalId: 'AROAEXAMPLEROLEID:deploy-session',
        userName: 'ci-deploy',
        userType: 'AssumedRole',
      },
    },
    apiCall('GetAccountAuthorizationDetails', 'iam.amazonaws.com'),
  );

/** Instance credentials used outside AWS. */
export const exfiltrationFinding = () =>
  gdFinding(
    'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    8,
    {
      resourceType: 'AccessKey',
      accessKeyDetails: {
        accessKeyId: 'ASIAEXAMPLEINSTANCE1',
        principalId: 'AROAEXAMPLEROLEID:i-0c1b2c3d4e5f67890',
        userName: 'web-server-role',
        userType: 'AssumedRole',
      },
      instanceDetails: instanceDetails('i-0c1b2c3d4e5f67890'),
    },
    apiCall('DescribeInstances', 'ec2.amazonaws.com', '198.51.100.77'),
  );

/** Root credentials used. */
export const rootFinding = () =>
  gdFinding(
    'Policy:IAMUser/RootCredentialUsage',
    2,
    {
      resourceType: 'AccessKey',
      accessKeyDetails: { accessKeyId: '', principalId: ACCOUNT, userName: 'Root', userType: 'Root' },
    },
    apiCall('ListBuckets', 's3.amazonaws.com'),
  );

const bucket = (name: string) => ({
  arn: `arn:aws:s3:::${name}`,
  name,
  type: 'Destination',
  owner: { id: 'abc123' },
  publicAccess: { effectivePermission: 'PUBLIC' },
});

/** S3: block public access turned off on a bucket. */
export const s3PolicyFinding = () =>
  gdFinding(
    'Policy:S3/BucketBlockPublicAccessDisabled',
    2,
    {
      resourceType: 'S3Bucket',
      accessKeyDetails: iamUserKey('storage-admin'),
      s3BucketDetails: [bucket('customer-exports')],
    },
    apiCall('PutBucketPublicAccessBlock', 's3.amazonaws.com'),
  );

/** S3: anomalous reads of a bucket by an IAM user. */
export const s3ExfiltrationFinding = () =>
  gdFinding(
    'Exfiltration:S3/AnomalousBehavior',
    8,
    {
      resourceType: 'S3Bucket',
      accessKeyDetails: iamUserKey('analytics', 'AKIAI44QH8DHBEXAMPLE'),
      s3BucketDetails: [bucket('payroll-archive')],
    },
    apiCall('GetObject', 's3.amazonaws.com'),
  );

/** Kubernetes: exec into a kube-system pod (EKS audit logs: no node known). */
export const kubernetesFinding = () =>
  gdFinding(
    'Execution:Kubernetes/ExecInKubeSystemPod',
    5,
    {
      resourceType: 'EKSCluster',
      eksClusterDetails: {
        name: 'prod',
        arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod`,
        vpcId: 'vpc-0123456789abcdef0',
        status: 'ACTIVE',
      },
      kubernetesDetails: {
        kubernetesUserDetails: { username: 'dev-user', uid: 'u-1', groups: ['system:authenticated'] },
        kubernetesWorkloadDetails: { name: 'coredns-1', type: 'pods', namespace: 'kube-system' },
      },
    },
    {
      action: {
        actionType: 'KUBERNETES_API_CALL',
        kubernetesApiCallAction: {
          requestUri: '/api/v1/namespaces/kube-system/pods/coredns-1/exec',
          verb: 'create',
          userAgent: 'kubectl/v1.29.0',
          remoteIpDetails: { ipAddressV4: '203.0.113.90' },
          statusCode: 101,
        },
      },
    },
  );

/** Runtime: a reverse shell in a container on a known EKS node. */
export const runtimeFinding = () =>
  gdFinding(
    'Execution:Runtime/ReverseShell',
    8,
    {
      resourceType: 'EKSCluster',
      eksClusterDetails: { name: 'prod', arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod` },
      instanceDetails: instanceDetails('i-0d1b2c3d4e5f67890'),
      kubernetesDetails: { kubernetesWorkloadDetails: { name: 'api-7f9', namespace: 'default' } },
    },
    {
      featureName: 'RuntimeMonitoring',
      runtimeDetails: { process: { name: 'bash', executablePath: '/bin/bash' } },
    },
  );

/** Lambda network activity: no playbook (manual). */
export const lambdaFinding = () =>
  gdFinding(
    'CryptoCurrency:Lambda/BitcoinTool.B',
    8,
    {
      resourceType: 'Lambda',
      lambdaDetails: {
        functionName: 'resize',
        functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:resize`,
      },
    },
    {},
  );

/** An EventBridge event carrying a finding, as a rule delivers it to SQS. */
export function eventOf(finding: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '0',
    id: 'c8d1f3a0-1111-2222-3333-444455556666',
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: ACCOUNT,
    time: '2026-11-20T09:50:00Z',
    region: 'us-east-1',
    resources: [],
    detail: finding,
  };
}

/** The SDK's (GetFindings) PascalCase form of a documented finding. */
export function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), pascal(v)]),
  );
}
