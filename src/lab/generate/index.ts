/** Realistic, deterministic CloudTrail: background activity, the attack story, delivered files. */
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
export { buildOrganisation, type Organisation } from './organisation.js';
export { Prng } from './prng.js';
export { generateTrailFiles, type TrailFilesOptions, type TrailFilesResult } from './trail-files.js';
