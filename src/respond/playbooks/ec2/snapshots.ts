import {
  CreateImageCommand,
  CreateSnapshotsCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  type Tag,
  waitUntilImageAvailable,
  waitUntilSnapshotCompleted,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../../aws/clients.js';
import { GarrisonError } from '../../../errors.js';
import { awsErrorCode } from '../shared/aws-errors.js';
import { CASE_TAG } from './tags.js';

export const INSTANCE_TAG = 'garrison:instance';
export const SNAPSHOT_ACTIONS = [
  'ec2:DescribeSnapshots',
  'ec2:CreateSnapshots',
  'ec2:CreateSnapshot',
  'ec2:DescribeImages',
  'ec2:CreateImage',
  'ec2:CreateTags',
];

/** The forensic copies of one instance: its volumes' snapshots and an image. */
export interface ForensicCopies {
  instanceId: string;
  snapshotIds: string[];
  imageId?: string | undefined;
  snapshotsCompleted: boolean;
  imageAvailable: boolean;
}

const evidenceTags = (caseId: string, instanceId: string): Tag[] => [
  { Key: CASE_TAG, Value: caseId },
  { Key: INSTANCE_TAG, Value: instanceId },
  { Key: 'garrison:evidence', Value: 'true' },
];
const filters = (caseId: string, instanceId: string) => [
  { Name: `tag:${CASE_TAG}`, Values: [caseId] },
  { Name: `tag:${INSTANCE_TAG}`, Values: [instanceId] },
];

/** What this case already holds for the instance (found by tag), so a re-run copies nothing twice. */
export async function findForensicCopies(
  clients: AwsClients,
  region: string,
  caseId: string,
  instanceId: string,
): Promise<ForensicCopies> {
  const ec2 = clients.client(EC2Client, region);
  const [snapshots, images] = await Promise.all([
    ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: filters(caseId, instanceId) })),
    ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: filters(caseId, instanceId) })),
  ]);
  const snaps = snapshots.Snapshots ?? [];
  const image = images.Images?.[0];
  return {
    instanceId,
    snapshotIds: snaps.map((s) => s.SnapshotId ?? ''),
    imageId: image?.ImageId,
    snapshotsCompleted: snaps.length > 0 && snaps.every((s) => s.State === 'completed'),
    imageAvailable: image?.State === 'available',
  };
}

export interface CopyOptions {
  /** How long to wait for snapshots and the image, in seconds (large volumes take hours). */
  maxWaitSeconds?: number | undefined;
  /** Polling interval bounds in seconds (default: the SDK waiters' own, 15 s). */
  minDelaySeconds?: number | undefined;
  maxDelaySeconds?: number | undefined;
}

/**
 * Snapshots every attached volume at one point in time (CreateSnapshots: crash-consistent across
 * volumes) and creates an image without rebooting (a reboot would destroy memory-resident evidence),
 * then waits for both. Whatever already exists for this case is kept, not copied again.
 */
export async function takeForensicCopies(
  clients: AwsClients,
  region: string,
  caseId: string,
  instanceId: string,
  options: CopyOptions = {},
): Promise<ForensicCopies> {
  const ec2 = clients.client(EC2Client, region);
  const have = await findForensicCopies(clients, region, caseId, instanceId);
  const tags = evidenceTags(caseId, instanceId);
  const name = `garrison-${caseId}-${instanceId}`.slice(0, 128);
  const snapshotsMade = async (): Promise<string[]> => {
    if (have.snapshotIds.length) return have.snapshotIds;
    const created = await ec2.send(
      new CreateSnapshotsCommand({
        InstanceSpecification: { InstanceId: instanceId, ExcludeBootVolume: false },
        Description: `garrison case ${caseId}: forensic copy of ${instanceId}`,
        CopyTagsFromSource: 'volume',
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: tags }],
      }),
    );
    const ids = (created.Snapshots ?? []).map((s) => s.SnapshotId ?? '').filter(Boolean);
    if (ids.length === 0)
      throw new GarrisonError('aws', `CreateSnapshots returned no snapshot for ${instanceId}`);
    return ids;
  };
  const imageMade = async (): Promise<string | undefined> => {
    if (have.imageId) return have.imageId;
    try {
      const image = await ec2.send(
        new CreateImageCommand({
          InstanceId: instanceId,
          Name: name,
          Description: `garrison case ${caseId}: forensic image of ${instanceId}`,
          NoReboot: true,
          // Only the image is tagged at creation: moto 5 fails on a snapshot tag specification here.
          TagSpecifications: [{ ResourceType: 'image', Tags: tags }],
        }),
      );
      return image.ImageId;
    } catch (error) {
      // A retried CreateImage whose first answer was lost: the image exists under our name.
      if (awsErrorCode(error) !== 'InvalidAMIName.Duplicate') throw error;
      const found = await ec2.send(
        new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] }),
      );
      const id = found.Images?.[0]?.ImageId;
      if (!id) throw error;
      return id;
    }
  };
  // Both copies start at once: CreateSnapshots is the crash-consistent one, the image the bootable one.
  const [snapshotIds, imageId] = await Promise.all([snapshotsMade(), imageMade()]);
  const maxWaitTime = options.maxWaitSeconds ?? 3600;
  const delays = {
    ...(options.minDelaySeconds ? { minDelay: options.minDelaySeconds } : {}),
    ...(options.maxDelaySeconds ? { maxDelay: options.maxDelaySeconds } : {}),
  };
  const waited = await Promise.allSettled([
    have.snapshotsCompleted
      ? Promise.resolve()
      : waitUntilSnapshotCompleted({ client: ec2, maxWaitTime, ...delays }, { SnapshotIds: snapshotIds }),
    have.imageAvailable || !imageId
      ? Promise.resolve()
      : waitUntilImageAvailable({ client: ec2, maxWaitTime, ...delays }, { ImageIds: [imageId] }),
  ]);
  const failed = waited.find((w) => w.status === 'rejected');
  if (failed)
    throw new GarrisonError(
      'aws',
      `forensic copies of ${instanceId} did not complete: ${String(failed.reason)}`,
      {
        cause: failed.reason,
        hint: 're-run the playbook: the copies already started are found again by tag and waited for',
      },
    );
  return { instanceId, snapshotIds, imageId, snapshotsCompleted: true, imageAvailable: true };
}
