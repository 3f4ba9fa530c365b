import type { AttackStoryParams } from './attack-story.js';

/** One attack story's parameters, shared by the tests that generate it. */
export const STORY_PARAMS: AttackStoryParams = {
  accountId: '444455556666',
  region: 'eu-west-1',
  start: '2026-11-19T14:07:00Z',
  instanceId: 'i-0fedcba9876543210',
  instanceRoleName: 'shop-web-role',
  dataBucket: 'shop-customer-data',
  attackerIp: '203.0.113.99',
  backdoorUserName: 'svc-monitoring',
  trailName: 'main-trail',
  detectorId: '12abc34d567e8fa901bc2d34e56789f0',
};
