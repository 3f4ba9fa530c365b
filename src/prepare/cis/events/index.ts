import type { AlarmTestEvent } from './build.js';
import { CHANGE_EVENTS } from './changes.js';
import { IDENTITY_EVENTS } from './identity.js';

export type { AlarmTestEvent } from './build.js';

/** garrison's built-in CloudTrail test events: for each CIS alarm, events that must raise it and near misses. */
export const ALARM_TEST_EVENTS: readonly AlarmTestEvent[] = [...IDENTITY_EVENTS, ...CHANGE_EVENTS];
