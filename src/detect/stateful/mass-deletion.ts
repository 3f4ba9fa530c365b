import { type CloudTrailRecord, principalOf } from '../../trail/record.js';
import { BoundedMap, TimeWindow } from './bounded.js';
import { DEFAULT_MAX_KEYS, defineStateful, type StatefulHit, statefulHit, timeOf } from './types.js';

const ID = 'garrison-aws-mass-deletion';
const WINDOW_MS = 15 * 60 * 1000;
/** Deletions of buckets, snapshots, trails, log groups and the like within the window. */
const THRESHOLD = 5;
/** S3 object deletions (data events) are far more frequent: a higher bar. */
const OBJECT_THRESHOLD = 100;

/** eventName → the request parameter naming what was deleted. */
const DELETIONS: Record<string, string> = {
  DeleteBucket: 'bucketName',
  DeleteSnapshot: 'snapshotId',
  DeleteDBSnapshot: 'dBSnapshotIdentifier',
  DeleteDBClusterSnapshot: 'dBClusterSnapshotIdentifier',
  DeleteTrail: 'name',
  DeleteLogGroup: 'logGroupName',
  DeleteVolume: 'volumeId',
  DeleteDBInstance: 'dBInstanceIdentifier',
  DeleteBackupVault: 'backupVaultName',
  DeleteRecoveryPoint: 'recoveryPointArn',
  DeregisterImage: 'imageId',
  DeleteFileSystem: 'fileSystemId',
  DeleteTable: 'tableName',
};
const OBJECT_DELETIONS = new Set(['DeleteObject', 'DeleteObjects']);

interface Deletions {
  resources: TimeWindow<{ what: string; eventId: string | undefined }>;
  objects: TimeWindow<string | undefined>;
  firedAt: number | undefined;
  objectsFiredAt: number | undefined;
}

/**
 * Destruction in a hurry: one principal deleting many buckets, snapshots, trails, log groups
 * (or, where S3 data events are logged, objects) within minutes, as ransomware and wipers do.
 */
export const massDeletion = defineStateful(
  'src/detect/stateful/mass-deletion.ts',
  {
    id: ID,
    title: 'Mass deletion of buckets, snapshots, trails or log groups',
    description: `One principal deleted at least ${THRESHOLD} buckets, snapshots, trails, log groups, volumes, databases or backups (or ${OBJECT_THRESHOLD} S3 objects, where data events are logged) within ${WINDOW_MS / 60000} minutes: destruction or ransom, often right after data was copied out.`,
    severity: 'high',
    mitre: ['T1485', 'T1490', 'T1070'],
    stratus: ['aws.impact.s3-ransomware-individual-deletion'],
    guardduty: ['Impact:IAMUser/AnomalousBehavior'],
    falsePositives: ['Tearing down a test environment', 'Retention clean-up jobs'],
    playbook: 'iam-user',
  },
  {
    eventNames: new Set([...Object.keys(DELETIONS), ...OBJECT_DELETIONS]),
    // Every name it counts starts with Delete or Deregister: a cheap search before reading eventName.
    mightMatch: (peek) =>
      peek.field('eventName').some((n) => Object.hasOwn(DELETIONS, n) || OBJECT_DELETIONS.has(n)),
    wants: (record) =>
      !record.errorCode &&
      (Object.hasOwn(DELETIONS, record.eventName) || OBJECT_DELETIONS.has(record.eventName)),
    create(options = {}) {
      const principals = new BoundedMap<string, Deletions>(options.maxKeys ?? DEFAULT_MAX_KEYS);
      return {
        id: ID,
        size: () => principals.size,
        flush: () => [],
        observe(record: CloudTrailRecord): StatefulHit[] {
          const isObject = OBJECT_DELETIONS.has(record.eventName);
          const param = Object.hasOwn(DELETIONS, record.eventName) ? DELETIONS[record.eventName] : undefined;
          if ((!param && !isObject) || record.errorCode) return [];
          const state = principals.upsert(principalOf(record), () => ({
            resources: new TimeWindow(WINDOW_MS, THRESHOLD * 40),
            objects: new TimeWindow(WINDOW_MS, OBJECT_THRESHOLD * 2),
            firedAt: undefined,
            objectsFiredAt: undefined,
          }));
          const now = timeOf(record);
          if (isObject) {
            state.objects.add(now, record.eventID);
            if (state.objectsFiredAt !== undefined && now - state.objectsFiredAt < WINDOW_MS) return [];
            if (state.objects.length < OBJECT_THRESHOLD) return [];
            state.objectsFiredAt = now;
            const ids = state.objects.items.map((i) => i.item).filter((e): e is string => !!e);
            return [
              statefulHit(
                ID,
                record,
                `${state.objects.length} S3 object deletions within ${WINDOW_MS / 60000} minutes`,
                ids,
              ),
            ];
          }
          const target = record.requestParameters?.[param as string];
          const what = `${record.eventName} ${typeof target === 'string' ? target.slice(0, 200) : '?'}`;
          state.resources.add(now, { what, eventId: record.eventID });
          if (state.firedAt !== undefined && now - state.firedAt < WINDOW_MS) return [];
          if (state.resources.length < THRESHOLD) return [];
          state.firedAt = now;
          const items = state.resources.items;
          return [
            statefulHit(
              ID,
              record,
              `${items.length} deletions within ${WINDOW_MS / 60000} minutes: ${items
                .slice(0, 5)
                .map((i) => i.item.what)
                .join(', ')}${items.length > 5 ? ', …' : ''}`,
              items.map((i) => i.item.eventId).filter((e): e is string => !!e),
            ),
          ];
        },
      };
    },
  },
);
