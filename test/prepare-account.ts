import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketLoggingCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../src/aws/clients.js';
import { cloudTrailKeyPolicy } from '../src/prepare/apply/trail-key-policy.js';
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE } from '../src/prepare/cis/patterns.js';

const HOME = 'us-east-1';
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

/** Builds, by hand with SDK calls, the CloudTrail → CloudWatch Logs → alarms → SNS chain of a prepared account. */
export async function buildAlarmChain(
  clients: AwsClients,
  account: string,
): Promise<{ topicArn: string; logGroupArn: string }> {
  const s3 = clients.client(S3Client, HOME);
  const trailBucket = `trail-logs-${account}`;
  await s3.send(new CreateBucketCommand({ Bucket: `access-logs-${account}` }));
  const logDelivery = 'uri=http://acs.amazonaws.com/groups/s3/LogDelivery';
  await s3.send(
    new PutBucketAclCommand({
      Bucket: `access-logs-${account}`,
      GrantWrite: logDelivery,
      GrantReadACP: logDelivery,
    }),
  );
  await s3.send(new CreateBucketCommand({ Bucket: trailBucket }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: trailBucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(
    new PutBucketLoggingCommand({
      Bucket: trailBucket,
      BucketLoggingStatus: {
        LoggingEnabled: { TargetBucket: `access-logs-${account}`, TargetPrefix: 'trail/' },
      },
    }),
  );
  const logs = clients.client(CloudWatchLogsClient, HOME);
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'cloudtrail/management' }));
  const logGroupArn = `arn:aws:logs:${HOME}:${account}:log-group:cloudtrail/management:*`;
  const role = await clients
    .client(IAMClient, HOME)
    .send(new CreateRoleCommand({ RoleName: 'cloudtrail-to-logs', AssumeRolePolicyDocument: trust }));
  const trail = clients.client(CloudTrailClient, HOME);
  // A key whose policy lets CloudTrail encrypt this trail's logs (the audit reads it back).
  const key = await clients.client(KMSClient, HOME).send(
    new CreateKeyCommand({
      Policy: JSON.stringify(
        cloudTrailKeyPolicy('aws', account, `arn:aws:cloudtrail:${HOME}:${account}:trail/management`),
      ),
    }),
  );
  await trail.send(
    new CreateTrailCommand({
      Name: 'management',
      S3BucketName: trailBucket,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KmsKeyId: key.KeyMetadata?.Arn,
      CloudWatchLogsLogGroupArn: logGroupArn,
      CloudWatchLogsRoleArn: role.Role?.Arn,
    }),
  );
  await trail.send(new StartLoggingCommand({ Name: 'management' }));
  await trail.send(
    new PutEventSelectorsCommand({
      TrailName: 'management',
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [
            { Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] },
            { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] },
          ],
        },
      ],
    }),
  );
  const sqs = clients.client(SQSClient, HOME);
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'security-alerts' }));
  const queueArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes?.QueueArn;
  const sns = clients.client(SNSClient, HOME);
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'security-alerts' }))).TopicArn as string;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
  const cloudwatch = clients.client(CloudWatchClient, HOME);
  for (const f of CIS_METRIC_FILTERS) {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'cloudtrail/management',
        filterName: f.metricName,
        filterPattern: f.pattern,
        metricTransformations: [
          { metricName: f.metricName, metricNamespace: CIS_METRIC_NAMESPACE, metricValue: '1' },
        ],
      }),
    );
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: `cis-${f.id}`,
        MetricName: f.metricName,
        Namespace: CIS_METRIC_NAMESPACE,
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicArn],
      }),
    );
  }
  return { topicArn, logGroupArn };
}

/** GuardDuty on with findings routed to the topic, isolation groups, EBS encryption: in each region. */
export async function buildRegionReadiness(
  clients: AwsClients,
  region: string,
  topicArn: string,
): Promise<void> {
  await clients.client(GuardDutyClient, region).send(new CreateDetectorCommand({ Enable: true }));
  const events = clients.client(EventBridgeClient, region);
  await events.send(
    new PutRuleCommand({
      Name: 'guardduty-findings',
      EventPattern: JSON.stringify({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({ Rule: 'guardduty-findings', Targets: [{ Id: 'alerts', Arn: topicArn }] }),
  );
  const ec2 = clients.client(EC2Client, region);
  await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
  for (const vpc of (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []) {
    const group = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'isolation',
        Description: 'no traffic in or out',
        VpcId: vpc.VpcId,
      }),
    );
    const described = await ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [group.GroupId as string] }),
    );
    const egress = described.SecurityGroups?.[0]?.IpPermissionsEgress ?? [];
    if (egress.length > 0)
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: egress }));
  }
}

/** The forensic bucket (Object Lock, hence versioning) and the responder role. */
export async function buildResponderKit(clients: AwsClients, account: string): Promise<void> {
  const s3 = clients.client(S3Client, HOME);
  const bucket = `forensics-${account}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
      },
    }),
  );
  const responderTrust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
    ],
  });
  await clients
    .client(IAMClient, HOME)
    .send(
      new CreateRoleCommand({ RoleName: 'incident-responder', AssumeRolePolicyDocument: responderTrust }),
    );
}

/** An open ingress rule, for tests that show an isolation group stops counting once it lets traffic in. */
export async function openGroup(clients: AwsClients, region: string, groupId: string): Promise<void> {
  await clients.client(EC2Client, region).send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
}
