import { GarrisonError } from '../errors.js';
import { loadPackDetection, type PackDetection, type PackDetectionSource } from './rules/define.js';
import amiDeregistered from './rules/garrison-aws-ami-deregistered/rule.js';
import amiShared from './rules/garrison-aws-ami-shared/rule.js';
import bedrockGuardrailDeleted from './rules/garrison-aws-bedrock-guardrail-deleted/rule.js';
import bedrockInvocationLoggingDeleted from './rules/garrison-aws-bedrock-invocation-logging-deleted/rule.js';
import bedrockModelInvokedByAccessKey from './rules/garrison-aws-bedrock-model-invoked-by-access-key/rule.js';
import cloudtrailConfigChanged from './rules/garrison-aws-cloudtrail-config-changed/rule.js';
import cloudtrailDeleted from './rules/garrison-aws-cloudtrail-deleted/rule.js';
import cloudtrailEventSelectorsNarrowed from './rules/garrison-aws-cloudtrail-event-selectors-narrowed/rule.js';
import cloudtrailStopped from './rules/garrison-aws-cloudtrail-stopped/rule.js';
import cognitoRefreshTokenUsed from './rules/garrison-aws-cognito-refresh-token-used/rule.js';
import configRecorderChanged from './rules/garrison-aws-config-recorder-changed/rule.js';
import consoleLoginFailed from './rules/garrison-aws-console-login-failed/rule.js';
import consoleLoginWithoutMfa from './rules/garrison-aws-console-login-without-mfa/rule.js';
import discoveryFromInstanceRole from './rules/garrison-aws-discovery-from-instance-role/rule.js';
import dnsQueryLoggingDeleted from './rules/garrison-aws-dns-query-logging-deleted/rule.js';
import ebsSnapshotShared from './rules/garrison-aws-ebs-snapshot-shared/rule.js';
import ec2ConsoleScreenshotRequested from './rules/garrison-aws-ec2-console-screenshot-requested/rule.js';
import ec2KeyPairCreated from './rules/garrison-aws-ec2-key-pair-created/rule.js';
import ec2PasswordDataRetrieved from './rules/garrison-aws-ec2-password-data-retrieved/rule.js';
import ec2SshKeyPushed from './rules/garrison-aws-ec2-ssh-key-pushed/rule.js';
import ec2UnusualInstanceTypeLaunched from './rules/garrison-aws-ec2-unusual-instance-type-launched/rule.js';
import ec2UserDataModified from './rules/garrison-aws-ec2-user-data-modified/rule.js';
import ec2UserDataRead from './rules/garrison-aws-ec2-user-data-read/rule.js';
import guarddutyDisabled from './rules/garrison-aws-guardduty-disabled/rule.js';
import iamAccessKeyCreatedForOtherUser from './rules/garrison-aws-iam-access-key-created-for-other-user/rule.js';
import iamAdminPolicyAttached from './rules/garrison-aws-iam-admin-policy-attached/rule.js';
import iamLoginProfileCreated from './rules/garrison-aws-iam-login-profile-created/rule.js';
import iamLoginProfileUpdatedForOtherUser from './rules/garrison-aws-iam-login-profile-updated-for-other-user/rule.js';
import iamPolicyChanged from './rules/garrison-aws-iam-policy-changed/rule.js';
import iamRoleTrustsExternalAccount from './rules/garrison-aws-iam-role-trusts-external-account/rule.js';
import kmsKeyDisabledOrDeletionScheduled from './rules/garrison-aws-kms-key-disabled-or-deletion-scheduled/rule.js';
import lambdaCodeOverwritten from './rules/garrison-aws-lambda-code-overwritten/rule.js';
import lambdaFunctionMadePublic from './rules/garrison-aws-lambda-function-made-public/rule.js';
import lambdaLayerAttached from './rules/garrison-aws-lambda-layer-attached/rule.js';
import networkAclChanged from './rules/garrison-aws-network-acl-changed/rule.js';
import networkGatewayChanged from './rules/garrison-aws-network-gateway-changed/rule.js';
import organizationLeft from './rules/garrison-aws-organization-left/rule.js';
import organizationsChanged from './rules/garrison-aws-organizations-changed/rule.js';
import passwordPolicyWeakened from './rules/garrison-aws-password-policy-weakened/rule.js';
import pentestDistributionUserAgent from './rules/garrison-aws-pentest-distribution-user-agent/rule.js';
import rdsSnapshotShared from './rules/garrison-aws-rds-snapshot-shared/rule.js';
import rolesanywhereTrustAnchorCreated from './rules/garrison-aws-rolesanywhere-trust-anchor-created/rule.js';
import rootAccountUsed from './rules/garrison-aws-root-account-used/rule.js';
import routeTableChanged from './rules/garrison-aws-route-table-changed/rule.js';
import s3AccessLoggingDisabled from './rules/garrison-aws-s3-access-logging-disabled/rule.js';
import s3BlockPublicAccessDisabled from './rules/garrison-aws-s3-block-public-access-disabled/rule.js';
import s3BucketMadePublic from './rules/garrison-aws-s3-bucket-made-public/rule.js';
import s3BucketPolicyChanged from './rules/garrison-aws-s3-bucket-policy-changed/rule.js';
import s3BucketPolicyGrantsExternalAccount from './rules/garrison-aws-s3-bucket-policy-grants-external-account/rule.js';
import s3ObjectsBatchDeleted from './rules/garrison-aws-s3-objects-batch-deleted/rule.js';
import s3ShortExpirationLifecycle from './rules/garrison-aws-s3-short-expiration-lifecycle/rule.js';
import sagemakerLifecycleConfigChanged from './rules/garrison-aws-sagemaker-lifecycle-config-changed/rule.js';
import secretsRetrieved from './rules/garrison-aws-secrets-retrieved/rule.js';
import securityGroupAdminPortOpenToInternet from './rules/garrison-aws-security-group-admin-port-open-to-internet/rule.js';
import securityGroupChanged from './rules/garrison-aws-security-group-changed/rule.js';
import securityhubDisabled from './rules/garrison-aws-securityhub-disabled/rule.js';
import sesEnumerated from './rules/garrison-aws-ses-enumerated/rule.js';
import ssmCommandSent from './rules/garrison-aws-ssm-command-sent/rule.js';
import ssmSecureParametersDecrypted from './rules/garrison-aws-ssm-secure-parameters-decrypted/rule.js';
import ssmSessionStarted from './rules/garrison-aws-ssm-session-started/rule.js';
import stsFederationTokenIssued from './rules/garrison-aws-sts-federation-token-issued/rule.js';
import unauthorizedApiCall from './rules/garrison-aws-unauthorized-api-call/rule.js';
import vpcChanged from './rules/garrison-aws-vpc-changed/rule.js';
import vpcFlowLogsDeleted from './rules/garrison-aws-vpc-flow-logs-deleted/rule.js';

/**
 * The built-in detection pack: every folder under rules/, listed explicitly (a test proves none is
 * missing and every id is unique). Load it with loadPack() from ./pack-loader.js.
 */
export const PACK_SOURCES: readonly PackDetectionSource[] = [
  amiDeregistered,
  amiShared,
  bedrockGuardrailDeleted,
  bedrockInvocationLoggingDeleted,
  bedrockModelInvokedByAccessKey,
  cloudtrailConfigChanged,
  cloudtrailDeleted,
  cloudtrailEventSelectorsNarrowed,
  cloudtrailStopped,
  cognitoRefreshTokenUsed,
  configRecorderChanged,
  consoleLoginFailed,
  consoleLoginWithoutMfa,
  discoveryFromInstanceRole,
  dnsQueryLoggingDeleted,
  ebsSnapshotShared,
  ec2ConsoleScreenshotRequested,
  ec2KeyPairCreated,
  ec2PasswordDataRetrieved,
  ec2SshKeyPushed,
  ec2UnusualInstanceTypeLaunched,
  ec2UserDataModified,
  ec2UserDataRead,
  guarddutyDisabled,
  iamAccessKeyCreatedForOtherUser,
  iamAdminPolicyAttached,
  iamLoginProfileCreated,
  iamLoginProfileUpdatedForOtherUser,
  iamPolicyChanged,
  iamRoleTrustsExternalAccount,
  kmsKeyDisabledOrDeletionScheduled,
  lambdaCodeOverwritten,
  lambdaFunctionMadePublic,
  lambdaLayerAttached,
  networkAclChanged,
  networkGatewayChanged,
  organizationLeft,
  organizationsChanged,
  passwordPolicyWeakened,
  pentestDistributionUserAgent,
  rdsSnapshotShared,
  rolesanywhereTrustAnchorCreated,
  rootAccountUsed,
  routeTableChanged,
  s3AccessLoggingDisabled,
  s3BlockPublicAccessDisabled,
  s3BucketMadePublic,
  s3BucketPolicyChanged,
  s3BucketPolicyGrantsExternalAccount,
  s3ObjectsBatchDeleted,
  s3ShortExpirationLifecycle,
  sagemakerLifecycleConfigChanged,
  securityhubDisabled,
  secretsRetrieved,
  securityGroupAdminPortOpenToInternet,
  securityGroupChanged,
  sesEnumerated,
  ssmCommandSent,
  ssmSecureParametersDecrypted,
  ssmSessionStarted,
  stsFederationTokenIssued,
  unauthorizedApiCall,
  vpcChanged,
  vpcFlowLogsDeleted,
];

let loaded: readonly PackDetection[] | undefined;

/**
 * The built-in detections with validated metadata, in id order. Throws a GarrisonError naming the
 * rule file and field when one is broken, or both files when two share an id.
 */
export function loadPack(): readonly PackDetection[] {
  if (loaded) return loaded;
  const byId = new Map<string, PackDetection>();
  for (const source of PACK_SOURCES) {
    const detection = loadPackDetection(source);
    const clash = byId.get(detection.meta.id);
    if (clash)
      throw new GarrisonError(
        'input',
        `${detection.file}: field id: ${detection.meta.id} is also used by ${clash.file}`,
      );
    byId.set(detection.meta.id, detection);
  }
  loaded = [...byId.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return loaded;
}
