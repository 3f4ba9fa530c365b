import type { Playbook } from '../../respond/step.js';
import { alarmTopicStep } from './alarm-topic.js';
import { cisAlarmsStep, cisMetricFiltersStep } from './cis-alarms.js';
import { ebsEncryptionStep, isolationGroupsStep } from './containment.js';
import { findingForwarderRoleStep, findingRoutesStep, guardDutyDetectorsStep } from './guardduty.js';
import { forensicBucketStep, responderRoleStep } from './responders.js';
import type { PrepareTarget } from './settings.js';
import { trailStep } from './trail.js';
import { trailAccessLogsStep, trailBucketStep } from './trail-bucket.js';
import { trailLogGroupStep, trailLogsRoleStep } from './trail-delivery.js';
import { trailKeyStep } from './trail-key.js';

/**
 * Preparation as a playbook: each step finds what the readiness audit would fail on and creates or
 * updates it, never deleting or weakening anything. The containment runner plans it (dry run),
 * applies it with a journal, and `garrison policy prepare` derives its IAM policy from these steps.
 */
export const preparePlaybook: Playbook<PrepareTarget> = {
  name: 'prepare',
  title: 'Make an account ready for incident response',
  steps: [
    trailBucketStep,
    trailAccessLogsStep,
    trailLogGroupStep,
    trailLogsRoleStep,
    trailKeyStep,
    trailStep,
    alarmTopicStep,
    cisMetricFiltersStep,
    cisAlarmsStep,
    guardDutyDetectorsStep,
    findingForwarderRoleStep,
    findingRoutesStep,
    isolationGroupsStep,
    ebsEncryptionStep,
    forensicBucketStep,
    responderRoleStep,
  ],
};

/** What the readiness snapshot reads before any step runs (the same reads as `garrison prepare audit`). */
export const ACCOUNT_SNAPSHOT_ACTIONS: readonly string[] = [
  'ec2:DescribeRegions',
  'organizations:DescribeOrganization',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  's3:ListAllMyBuckets',
  's3:GetBucketLocation',
  's3:GetBucketVersioning',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketPolicyStatus',
  's3:GetBucketAcl',
  's3:GetBucketLogging',
  'iam:ListRoles',
  'logs:DescribeMetricFilters',
  'cloudwatch:DescribeAlarms',
  'sns:ListSubscriptionsByTopic',
  'guardduty:ListDetectors',
  'guardduty:GetDetector',
  'guardduty:ListPublishingDestinations',
  'events:ListRules',
  'events:ListTargetsByRule',
  'ec2:DescribeVpcs',
  'ec2:DescribeSecurityGroups',
  'ec2:CreateSecurityGroup',
  'ec2:GetEbsEncryptionByDefault',
];
