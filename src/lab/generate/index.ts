/**
 * Realistic, deterministic CloudTrail: an organisation's background activity, the attack story,
 * and files delivered as CloudTrail delivers them. Seeded, no clock: the same options give the
 * same records.
 *
 *   await generateTrailFiles({ outDir, seed: 1, accountId: '111122223333', regions: ['us-east-1', 'eu-west-1'],
 *     start: '2026-11-20T00:00:00Z', targetBytes: 1e9 });              // ~1 GB uncompressed, 100-2000 records a file
 *   const { records, groundTruth } = attackStory({ accountId, region, start, instanceId, instanceRoleName, dataBucket });
 *   const files = deliverRecords(records, { accountId });               // gzipped files keyed AWSLogs/...
 */
export {
  type AttackGroundTruth,
  type AttackPhase,
  type AttackStory,
  type AttackStoryParams,
  attackStory,
  type StoryStep,
} from './attack-story.js';
export { BackgroundActivity } from './background.js';
export { type DeliveredFile, deliverRecords } from './deliver.js';
export {
  CLOUDTRAIL_FIELD_ORDER,
  type EventSpec,
  outOfOrderField,
  type TrailEvent,
  trailEvent,
} from './event.js';
export { accessKeyId, assumedRole, awsService, iamUser, rootUser, ssoSession } from './identities.js';
export { digestFileKey, LOG_FILE_KEY, logFileKey } from './layout.js';
export { SAMPLE_ATTACK, sampleGroundTruth, sampleOptions } from './make-samples.js';
export { buildOrganisation, type Organisation } from './organisation.js';
export { Prng } from './prng.js';
export { generateTrailFiles, storyOf, type TrailFilesOptions, type TrailFilesResult } from './trail-files.js';
