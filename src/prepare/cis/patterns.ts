/**
 * The CIS AWS Foundations metric filters (Security Hub CloudWatch.1-14) and the Organizations-change
 * filter (CIS v1.3.0+ 4.15), patterns exactly as AWS publishes them. Each alarm is one entry; the
 * readiness audit and `prepare test-filters` use these as the built-in set.
 */
export interface CisMetricFilter {
  /** garrison's id, in an analyst's words. */
  id: CisFilterId;
  /** The Security Hub control (`CloudWatch.1`), or undefined when Security Hub has none. */
  control: string | undefined;
  title: string;
  /** The CIS benchmark items this relates to. */
  cis: string;
  pattern: string;
  /** The metric name garrison uses when it provisions this filter. */
  metricName: string;
}

export const CIS_METRIC_NAMESPACE = 'garrison/CIS';

export const CIS_FILTER_IDS = [
  'root-usage',
  'unauthorized-api-calls',
  'console-login-without-mfa',
  'iam-policy-changes',
  'cloudtrail-changes',
  'console-auth-failures',
  'kms-key-disable-or-deletion',
  's3-bucket-policy-changes',
  'config-changes',
  'security-group-changes',
  'nacl-changes',
  'network-gateway-changes',
  'route-table-changes',
  'vpc-changes',
  'organizations-changes',
] as const;
export type CisFilterId = (typeof CIS_FILTER_IDS)[number];

export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
  {
    id: 'root-usage',
    control: 'CloudWatch.1',
    title: 'A log metric filter and alarm should exist for usage of the "root" user',
    cis: 'PCI DSS v3.2.1/7.2.1, CIS AWS Foundations Benchmark v1.2.0/1.1,CIS AWS Foundations Benchmark v1.2.0/3.3, CIS AWS Foundations Benchmark v1.4.0/1.7,CIS AWS Foundations Benchmark v1.4.0/4.3',
    pattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    metricName: 'RootUsage',
  },
  {
    id: 'unauthorized-api-calls',
    control: 'CloudWatch.2',
    title: 'Ensure a log metric filter and alarm exist for unauthorized API calls',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.1',
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    metricName: 'UnauthorizedAPICalls',
  },
  {
    id: 'console-login-without-mfa',
    control: 'CloudWatch.3',
    title: 'Ensure a log metric filter and alarm exist for Management Console sign-in without MFA',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.2',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    metricName: 'ConsoleSigninWithoutMFA',
  },
  {
    id: 'iam-policy-changes',
    control: 'CloudWatch.4',
    title: 'Ensure a log metric filter and alarm exist for IAM policy changes',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.4, CIS AWS Foundations Benchmark v1.4.0/4.4',
    pattern:
      '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
    metricName: 'IAMPolicyChanges',
  },
  {
    id: 'cloudtrail-changes',
    control: 'CloudWatch.5',
    title: 'Ensure a log metric filter and alarm exist for CloudTrail AWS Configuration changes',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.5, CIS AWS Foundations Benchmark v1.4.0/4.5',
    pattern:
      '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
    metricName: 'CloudTrailChanges',
  },
  {
    id: 'console-auth-failures',
    control: 'CloudWatch.6',
    title: 'Ensure a log metric filter and alarm exist for AWS Management Console authentication failures',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.6, CIS AWS Foundations Benchmark v1.4.0/4.6',
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    metricName: 'ConsoleSigninFailures',
  },
  {
    id: 'kms-key-disable-or-deletion',
    control: 'CloudWatch.7',
    title:
      'Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer managed keys',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.7, CIS AWS Foundations Benchmark v1.4.0/4.7',
    pattern:
      '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
    metricName: 'DisableOrDeleteCMK',
  },
  {
    id: 's3-bucket-policy-changes',
    control: 'CloudWatch.8',
    title: 'Ensure a log metric filter and alarm exist for S3 bucket policy changes',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.8, CIS AWS Foundations Benchmark v1.4.0/4.8',
    pattern:
      '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
    metricName: 'S3BucketPolicyChanges',
  },
  {
    id: 'config-changes',
    control: 'CloudWatch.9',
    title: 'Ensure a log metric filter and alarm exist for AWS Config configuration changes',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.9, CIS AWS Foundations Benchmark v1.4.0/4.9',
    pattern:
      '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
    metricName: 'AWSConfigChanges',
  },
  {
    id: 'security-group-changes',
    control: 'CloudWatch.10',
    title: 'Ensure a log metric filter and alarm exist for security group changes',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.10, CIS AWS Foundations Benchmark v1.4.0/4.10',
    pattern:
      '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
    metricName: 'SecurityGroupChanges',
  },
  {
    id: 'nacl-changes',
    control: 'CloudWatch.11',
    title: 'Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.11, CIS AWS Foundations Benchmark v1.4.0/4.11',
    pattern:
      '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
    metricName: 'NACLChanges',
  },
  {
    id: 'network-gateway-changes',
    control: 'CloudWatch.12',
    title: 'Ensure a log metric filter and alarm exist for changes to network gateways',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.12, CIS AWS Foundations Benchmark v1.4.0/4.12',
    pattern:
      '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
    metricName: 'NetworkGatewayChanges',
  },
  {
    id: 'route-table-changes',
    control: 'CloudWatch.13',
    title: 'Ensure a log metric filter and alarm exist for route table changes',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.13, CIS AWS Foundations Benchmark v1.4.0/4.13',
    pattern:
      '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
    metricName: 'RouteTableChanges',
  },
  {
    id: 'vpc-changes',
    control: 'CloudWatch.14',
    title: 'Ensure a log metric filter and alarm exist for VPC changes',
    cis: 'CIS AWS Foundations Benchmark v1.2.0/3.14, CIS AWS Foundations Benchmark v1.4.0/4.14',
    pattern:
      '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
    metricName: 'VPCChanges',
  },
  {
    id: 'organizations-changes',
    control: undefined,
    title: 'AWS Organizations changes',
    cis: 'CIS AWS Foundations v1.3.0+ 4.15 (per Tenable changelog); prowler check cloudwatch_log_metric_filter_aws_organizations_changes',
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CancelHandshake") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganization") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "EnableAllFeatures") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdateOrganizationalUnit") || ($.eventName = "UpdatePolicy")) }',
    metricName: 'OrganizationsChanges',
  },
];

export function cisFilter(id: CisFilterId): CisMetricFilter {
  const found = CIS_METRIC_FILTERS.find((f) => f.id === id);
  if (!found) throw new Error(`unknown CIS filter ${id}`);
  return found;
}
