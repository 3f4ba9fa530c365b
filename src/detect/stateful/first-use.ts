import { type CloudTrailRecord, principalOf } from '../../trail/record.js';
import { type Hit, hitOf } from '../engine/hit.js';
import { FirstSeenTable, MIN_HISTORY, marksOf, peekFirstSeen } from './first-use-table.js';
import { DEFAULT_MAX_KEYS, defineStateful, hitWithSummary, type StatefulHit, timeOf } from './types.js';

export { agentFamily } from './first-use-table.js';

const ID = 'garrison-aws-first-use-then-sensitive-call';
/** A sensitive call must follow the first use of the new IP or user agent within this time. */
const FOLLOW_MS = 60 * 60 * 1000;
/**
 * Sensitive calls kept until the end of the hunt. Past this, the oldest is judged at once against
 * the tables so far (final when the input comes in time order, as a delivered trail does).
 */
const MAX_PENDING = 20_000;

/** Calls that change who can do what, hide activity or read secrets: worth a look from an unfamiliar place. */
export const SENSITIVE = new Set([
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'CreateUser',
  'AttachUserPolicy',
  'AttachRolePolicy',
  'AttachGroupPolicy',
  'PutUserPolicy',
  'PutRolePolicy',
  'PutGroupPolicy',
  'CreatePolicyVersion',
  'UpdateAssumeRolePolicy',
  'CreateRole',
  'AddUserToGroup',
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'DeleteDetector',
  'UpdateDetector',
  'DeleteFlowLogs',
  'PutBucketPolicy',
  'PutBucketAcl',
  'DeleteBucketPolicy',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'GetSecretValue',
  'BatchGetSecretValue',
  'GetPasswordData',
  'ModifySnapshotAttribute',
  'ModifyImageAttribute',
  'ModifyDBSnapshotAttribute',
  'AuthorizeSecurityGroupIngress',
  'CreateKeyPair',
  'ImportKeyPair',
  'SendCommand',
  'StartSession',
  'GetFederationToken',
  'LeaveOrganization',
  'ScheduleKeyDeletion',
  'DisableKey',
]);

/** A sensitive call waiting for the end of the hunt: its hit, principal key and time. */
interface Pending {
  hit: Hit;
  principal: string;
  time: number;
}

function keyOf(record: CloudTrailRecord): string {
  return record.userIdentity?.principalId ?? principalOf(record);
}

/** Adds a record to the first-seen table (records made by an AWS service for the caller are not the caller's). */
function noteRecord(table: FirstSeenTable, record: CloudTrailRecord): void {
  if (record.userIdentity?.invokedBy) return;
  table.note(
    keyOf(record),
    timeOf(record),
    marksOf(record.sourceIPAddress, record.userAgent),
    record.eventID,
  );
}

/**
 * A principal's first use, within the hunted window, of a source IP or user agent it had not used
 * before (after at least MIN_HISTORY earlier calls), followed within an hour by a sensitive call
 * from that IP or agent: the moment stolen credentials change hands and the new holder acts.
 *
 * Its first-seen tables merge by minimum, so the answer does not depend on the order files are
 * read in; hits are reported at the end of the stream (flush). Scan workers build the tables from
 * every record's raw bytes (collector), parsed or not, and hand them over per blob, so only
 * sensitive calls (wants) need to reach the detector in the main thread, and the answer does not
 * depend on which other detections run (they decide which records get parsed).
 */
export const firstUseThenSensitiveCall = defineStateful(
  'src/detect/stateful/first-use.ts',
  {
    id: ID,
    title: 'Sensitive call from a source IP or user agent new for the principal',
    description: `A principal with at least ${MIN_HISTORY} earlier calls in the hunted window used a source IP or user agent it had not used before, and within ${FOLLOW_MS / 60000} minutes made a sensitive call (IAM changes, logging changes, secret reads, sharing, remote execution) from it. Credentials used by someone new.`,
    severity: 'medium',
    mitre: ['T1078.004', 'T1550.001'],
    guardduty: [
      'CredentialAccess:IAMUser/AnomalousBehavior',
      'DefenseEvasion:IAMUser/AnomalousBehavior',
      'Exfiltration:IAMUser/AnomalousBehavior',
      'Persistence:IAMUser/AnomalousBehavior',
      'PrivilegeEscalation:IAMUser/AnomalousBehavior',
    ],
    falsePositives: [
      'Administrators working from a new network (travel, VPN change)',
      'A CLI or SDK change that alters the user agent',
    ],
    playbook: 'iam-user',
    eventNames: [...SENSITIVE],
  },
  {
    eventNames: SENSITIVE,
    mightMatch: (peek) => peek.field('eventName').some((n) => SENSITIVE.has(n)),
    collector(options = {}) {
      let table = new FirstSeenTable(options.maxKeys ?? DEFAULT_MAX_KEYS);
      return {
        peek(peek) {
          const seen = peekFirstSeen(peek);
          if (seen) table.note(seen.principal, seen.time, seen.marks, seen.eventId);
        },
        drain() {
          const aggregate = table.toAggregate();
          table = new FirstSeenTable(options.maxKeys ?? DEFAULT_MAX_KEYS);
          return aggregate;
        },
      };
    },
    // With its first-seen tables kept in the scan workers, only sensitive calls reach the detector.
    wants: (record) => SENSITIVE.has(record.eventName) && !record.userIdentity?.invokedBy,
    create(options = {}) {
      const table = new FirstSeenTable(options.maxKeys ?? DEFAULT_MAX_KEYS);
      const absorbed = options.baselinesAbsorbed === true;
      const maxPending = options.maxPending ?? MAX_PENDING;
      // What a hit needs of each sensitive call, not the record (thousands wait for the end).
      const pending: Pending[] = [];
      const judge = ({ hit, principal, time }: Pending): StatefulHit[] => {
        const fresh = marksOf(hit.sourceIp, hit.userAgent)
          .map((mark) => ({ mark, first: table.newMarkSince(principal, mark) }))
          .filter((f) => f.first && f.first.time <= time && time - f.first.time <= FOLLOW_MS);
        if (fresh.length === 0) return [];
        const since = Math.min(...fresh.map((f) => f.first?.time ?? time));
        const marks = fresh.map((f) => f.mark.replace(/^agent /, 'user agent ')).join(' and ');
        const related = fresh
          .map((f) => f.first?.eventId)
          .filter((e): e is string => !!e && e !== hit.eventId);
        const summary = `${hit.eventName} from ${marks}, first used by this principal ${Math.round((time - since) / 60000)} min earlier`;
        return [hitWithSummary(hit, summary, related)];
      };
      return {
        id: ID,
        size: () => table.size,
        absorb: (aggregate) => table.merge(aggregate),
        observe(record: CloudTrailRecord): StatefulHit[] {
          if (record.userIdentity?.invokedBy) return [];
          if (!absorbed) noteRecord(table, record);
          if (!SENSITIVE.has(record.eventName)) return [];
          pending.push({ hit: hitOf(record, [ID]), principal: keyOf(record), time: timeOf(record) });
          return pending.length > maxPending ? judge(pending.shift() as Pending) : [];
        },
        flush: () => pending.splice(0).flatMap(judge),
      };
    },
  },
);
