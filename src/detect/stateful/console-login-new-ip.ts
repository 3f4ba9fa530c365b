import { type CloudTrailRecord, principalOf } from '../../trail/record.js';
import { BoundedMap } from './bounded.js';
import { DEFAULT_MAX_KEYS, defineStateful, type StatefulHit, statefulHit } from './types.js';

const ID = 'garrison-aws-console-login-new-ip-without-mfa';
const MAX_IPS = 32;

interface SignIns {
  ips: Set<string>;
  lastEventId: string | undefined;
}

/**
 * A successful console sign-in without MFA from an IP address the principal had not signed in
 * from before in the hunted window: a stolen password used from somewhere new.
 */
export const consoleLoginNewIpWithoutMfa = defineStateful(
  'src/detect/stateful/console-login-new-ip.ts',
  {
    id: ID,
    title: 'Console sign-in without MFA from a new IP address',
    description:
      'A principal that had already signed in to the console in the hunted window signed in successfully, without MFA, from an IP address it had not signed in from before. A password alone from a new place is how stolen console credentials look.',
    severity: 'high',
    mitre: ['T1078.004'],
    stratus: [],
    guardduty: [
      'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B',
      'InitialAccess:IAMUser/AnomalousBehavior',
    ],
    falsePositives: ['Users without MFA working from a new network (enrol them in MFA)'],
    playbook: 'iam-user',
  },
  {
    eventNames: new Set(['ConsoleLogin']),
    mightMatch: (peek) => peek.field('eventName').includes('ConsoleLogin'),
    wants: (record) => record.eventName === 'ConsoleLogin' && record.eventSource === 'signin.amazonaws.com',
    create(options = {}) {
      const principals = new BoundedMap<string, SignIns>(options.maxKeys ?? DEFAULT_MAX_KEYS);
      return {
        id: ID,
        size: () => principals.size,
        flush: () => [],
        observe(record: CloudTrailRecord): StatefulHit[] {
          if (record.eventName !== 'ConsoleLogin' || record.eventSource !== 'signin.amazonaws.com') return [];
          const success =
            (record.responseElements as { ConsoleLogin?: unknown } | null | undefined)?.ConsoleLogin ===
            'Success';
          const ip = record.sourceIPAddress;
          if (!success || !ip) return [];
          const mfa =
            (record.additionalEventData as { MFAUsed?: unknown } | null | undefined)?.MFAUsed === 'Yes';
          const principal = principalOf(record);
          const state = principals.get(principal);
          const hits: StatefulHit[] = [];
          if (state && !mfa && !state.ips.has(ip))
            hits.push(
              statefulHit(
                ID,
                record,
                `console sign-in without MFA from ${ip}, not seen for this principal before (${state.ips.size} earlier address${state.ips.size === 1 ? '' : 'es'})`,
                state.lastEventId ? [state.lastEventId] : [],
              ),
            );
          const next = state ?? { ips: new Set<string>(), lastEventId: undefined };
          next.ips.add(ip);
          if (next.ips.size > MAX_IPS) next.ips.delete(next.ips.values().next().value as string);
          next.lastEventId = record.eventID;
          principals.set(principal, next);
          return hits;
        },
      };
    },
  },
);
