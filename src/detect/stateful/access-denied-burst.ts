import { type CloudTrailRecord, principalOf } from '../../trail/record.js';
import { BoundedMap, TimeWindow } from './bounded.js';
import { DEFAULT_MAX_KEYS, defineStateful, type StatefulHit, statefulHit, timeOf } from './types.js';

const ID = 'garrison-aws-access-denied-burst';
const WINDOW_MS = 10 * 60 * 1000;
/** Refusals within the window, across at least MIN_ACTIONS different API actions. */
const THRESHOLD = 10;
const MIN_ACTIONS = 5;

export function isRefusal(errorCode: string | undefined): boolean {
  return !!errorCode && (errorCode.startsWith('AccessDenied') || errorCode.endsWith('UnauthorizedOperation'));
}

interface Denials {
  window: TimeWindow<{ action: string; eventId: string | undefined }>;
  /** Time of the last hit: one finding per burst, then quiet until the window has rolled over. */
  firedAt: number | undefined;
}

/**
 * Enumeration with stolen credentials: one principal refused (AccessDenied, UnauthorizedOperation)
 * many times across many different API actions within minutes, as tools like pacu or
 * enumerate-iam do when they map what a key can do.
 */
export const accessDeniedBurst = defineStateful(
  'src/detect/stateful/access-denied-burst.ts',
  {
    id: ID,
    title: 'Burst of refused API calls from one principal (permission enumeration)',
    description: `One principal was refused at least ${THRESHOLD} times within ${WINDOW_MS / 60000} minutes across at least ${MIN_ACTIONS} different API actions: the signature of a tool mapping what stolen credentials are allowed to do. A single misconfigured application retries the same call and stays below it.`,
    severity: 'medium',
    mitre: ['T1580', 'T1087.004', 'T1069.003'],
    guardduty: ['Discovery:IAMUser/AnomalousBehavior'],
    falsePositives: [
      'Security scanners and CSPM tools running with read-only roles',
      'A new deployment with a broken policy',
    ],
    playbook: 'iam-user',
  },
  {
    eventNames: undefined,
    mightMatch: (peek) => peek.field('errorCode').some(isRefusal),
    wants: (record) => isRefusal(record.errorCode),
    create(options = {}) {
      const principals = new BoundedMap<string, Denials>(options.maxKeys ?? DEFAULT_MAX_KEYS);
      return {
        id: ID,
        size: () => principals.size,
        flush: () => [],
        observe(record: CloudTrailRecord): StatefulHit[] {
          if (!isRefusal(record.errorCode)) return [];
          const principal = principalOf(record);
          const state = principals.upsert(principal, () => ({
            window: new TimeWindow(WINDOW_MS, THRESHOLD * 20),
            firedAt: undefined,
          }));
          const now = timeOf(record);
          state.window.add(now, {
            action: `${record.eventSource}:${record.eventName}`,
            eventId: record.eventID,
          });
          if (state.firedAt !== undefined && now - state.firedAt < WINDOW_MS) return [];
          const items = state.window.items;
          const actions = new Set(items.map((i) => i.item.action));
          if (items.length < THRESHOLD || actions.size < MIN_ACTIONS) return [];
          state.firedAt = now;
          return [
            statefulHit(
              ID,
              record,
              `${items.length} refused calls across ${actions.size} actions within ${WINDOW_MS / 60000} minutes`,
              items.map((i) => i.item.eventId).filter((e): e is string => !!e),
            ),
          ];
        },
      };
    },
  },
);
