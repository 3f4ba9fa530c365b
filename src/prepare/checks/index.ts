import cloudtrailBucketAccessLogging from './cloudtrail-bucket-access-logging/index.js';
import cloudtrailBucketNotPublic from './cloudtrail-bucket-not-public/index.js';
import cloudtrailCloudwatchLogs from './cloudtrail-cloudwatch-logs/index.js';
import cloudtrailKmsEncryption from './cloudtrail-kms-encryption/index.js';
import cloudtrailLambdaDataEvents from './cloudtrail-lambda-data-events/index.js';
import cloudtrailLogFileValidation from './cloudtrail-log-file-validation/index.js';
import cloudtrailManagementEvents from './cloudtrail-management-events/index.js';
import cloudtrailMultiRegionLogging from './cloudtrail-multi-region-logging/index.js';
import cloudtrailOrganizationTrail from './cloudtrail-organization-trail/index.js';
import cloudtrailS3DataEvents from './cloudtrail-s3-data-events/index.js';
import cloudwatchCisAlarms from './cloudwatch-cis-alarms/index.js';
import type { ReadinessCheck } from './define.js';
import ebsDefaultEncryption from './ebs-default-encryption/index.js';
import forensicEvidenceBucket from './forensic-evidence-bucket/index.js';
import guarddutyEnabled from './guardduty-enabled/index.js';
import guarddutyFindingsRouted from './guardduty-findings-routed/index.js';
import isolationSecurityGroup from './isolation-security-group/index.js';
import responderRole from './responder-role/index.js';

/** Every readiness check, in report order. A test proves each folder is listed here once. */
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  cloudtrailMultiRegionLogging,
  cloudtrailManagementEvents,
  cloudtrailLogFileValidation,
  cloudtrailKmsEncryption,
  cloudtrailBucketNotPublic,
  cloudtrailBucketAccessLogging,
  cloudtrailCloudwatchLogs,
  cloudtrailS3DataEvents,
  cloudtrailLambdaDataEvents,
  cloudtrailOrganizationTrail,
  cloudwatchCisAlarms,
  guarddutyEnabled,
  guarddutyFindingsRouted,
  isolationSecurityGroup,
  ebsDefaultEncryption,
  forensicEvidenceBucket,
  responderRole,
];

export type { CheckMetadata, CheckOutcome, CheckStatus, ReadinessCheck } from './define.js';
