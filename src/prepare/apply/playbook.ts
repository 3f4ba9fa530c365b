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
