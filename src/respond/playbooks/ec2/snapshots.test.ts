import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  CreateImageCommand,
  CreateSnapshotsCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../../aws/clients.js';
import { takeForensicCopies } from './snapshots.js';

const ec2 = mockClient(EC2Client);
const clients = new AwsClients({ region: 'us-east-1' });
const fast = { minDelaySeconds: 0.01, maxDelaySeconds: 0.02, maxWaitSeconds: 2 };
const tagged = (input: { Filters?: { Name?: string }[] }) =>
  (input.Filters ?? []).some((f) => f.Name === 'tag:garrison:case');

describe('takeForensicCopies (command-level mocks: what moto cannot show)', () => {
  afterEach(() => ec2.reset());

  it('waits while the snapshots are pending and the image is pending, then reports them', async () => {
    let snapshotPolls = 0;
    let imagePolls = 0;
    ec2.on(DescribeSnapshotsCommand).callsFake((input) => {
      if (tagged(input)) return { Snapshots: [] };
      snapshotPolls++;
      const state = snapshotPolls < 3 ? 'pending' : 'completed';
      return {
        Snapshots: [
          { SnapshotId: 'snap-1', State: state },
          { SnapshotId: 'snap-2', State: state },
        ],
      };
    });
    ec2.on(DescribeImagesCommand).callsFake((input) => {
      if (tagged(input)) return { Images: [] };
      imagePolls++;
      return { Images: [{ ImageId: 'ami-1', State: imagePolls < 2 ? 'pending' : 'available' }] };
    });
    ec2
      .on(CreateSnapshotsCommand)
      .resolves({ Snapshots: [{ SnapshotId: 'snap-1' }, { SnapshotId: 'snap-2' }] });
    ec2.on(CreateImageCommand).resolves({ ImageId: 'ami-1' });

    const copies = await takeForensicCopies(clients, 'us-east-1', 'case-1', 'i-0abc1234', fast);
    assert.deepEqual(copies.snapshotIds, ['snap-1', 'snap-2']);
    assert.equal(copies.imageId, 'ami-1');
    assert.ok(snapshotPolls >= 3, `polled ${snapshotPolls} times`);
    assert.ok(imagePolls >= 2);
    const create = ec2.commandCalls(CreateSnapshotsCommand)[0]?.args[0].input;
    assert.equal(create?.InstanceSpecification?.ExcludeBootVolume, false, 'every volume, boot included');
    assert.equal(ec2.commandCalls(CreateImageCommand)[0]?.args[0].input.NoReboot, true);
  });

  it('fails with a hint to re-run when a snapshot errors, and when the wait times out', async () => {
    ec2
      .on(DescribeSnapshotsCommand)
      .callsFake((input) =>
        tagged(input) ? { Snapshots: [] } : { Snapshots: [{ SnapshotId: 'snap-1', State: 'error' }] },
      );
    ec2
      .on(DescribeImagesCommand)
      .callsFake((input) =>
        tagged(input) ? { Images: [] } : { Images: [{ ImageId: 'ami-1', State: 'available' }] },
      );
    ec2.on(CreateSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1' }] });
    ec2.on(CreateImageCommand).resolves({ ImageId: 'ami-1' });
    await assert.rejects(
      takeForensicCopies(clients, 'us-east-1', 'case-1', 'i-0abc1234', fast),
      (error: Error & { hint?: string }) => {
        assert.match(error.message, /did not complete/);
        assert.match(error.hint ?? '', /re-run/);
        return true;
      },
    );

    ec2.reset();
    ec2
      .on(DescribeSnapshotsCommand)
      .callsFake((input) =>
        tagged(input) ? { Snapshots: [] } : { Snapshots: [{ SnapshotId: 'snap-1', State: 'pending' }] },
      );
    ec2
      .on(DescribeImagesCommand)
      .callsFake((input) =>
        tagged(input) ? { Images: [] } : { Images: [{ ImageId: 'ami-1', State: 'available' }] },
      );
    ec2.on(CreateSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1' }] });
    ec2.on(CreateImageCommand).resolves({ ImageId: 'ami-1' });
    await assert.rejects(
      takeForensicCopies(clients, 'us-east-1', 'case-1', 'i-0abc1234', { ...fast, maxWaitSeconds: 0.2 }),
      /did not complete/,
    );
  });

  it('copies nothing twice: copies found by the case tag are waited for, not made again', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-9', State: 'completed' }] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-9', State: 'available' }] });
    const copies = await takeForensicCopies(clients, 'us-east-1', 'case-1', 'i-0abc1234', fast);
    assert.deepEqual([copies.snapshotIds, copies.imageId], [['snap-9'], 'ami-9']);
    assert.equal(ec2.commandCalls(CreateSnapshotsCommand).length, 0);
    assert.equal(ec2.commandCalls(CreateImageCommand).length, 0);
  });

  it('adopts the image when a retried CreateImage meets its own first attempt (InvalidAMIName.Duplicate)', async () => {
    ec2
      .on(DescribeSnapshotsCommand)
      .callsFake((input) =>
        tagged(input) ? { Snapshots: [] } : { Snapshots: [{ SnapshotId: 'snap-1', State: 'completed' }] },
      );
    ec2.on(DescribeImagesCommand).callsFake((input: { Filters?: { Name?: string; Values?: string[] }[] }) => {
      if (tagged(input)) return { Images: [] };
      const byName = input.Filters?.find((f) => f.Name === 'name');
      if (byName)
        return {
          Images: byName.Values?.[0] === 'garrison-case-1-i-0abc1234' ? [{ ImageId: 'ami-first' }] : [],
        };
      return { Images: [{ ImageId: 'ami-first', State: 'available' }] };
    });
    ec2.on(CreateSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1' }] });
    ec2
      .on(CreateImageCommand)
      .rejects(Object.assign(new Error('AMI name in use'), { name: 'InvalidAMIName.Duplicate' }));
    const copies = await takeForensicCopies(clients, 'us-east-1', 'case-1', 'i-0abc1234', fast);
    assert.equal(copies.imageId, 'ami-first');
  });

  it('refuses an empty CreateSnapshots answer instead of recording no evidence as evidence', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    ec2
      .on(DescribeImagesCommand)
      .callsFake((input) =>
        tagged(input) ? { Images: [] } : { Images: [{ ImageId: 'ami-1', State: 'available' }] },
      );
    ec2.on(CreateSnapshotsCommand).resolves({ Snapshots: [] });
    ec2.on(CreateImageCommand).resolves({ ImageId: 'ami-1' });
    await assert.rejects(
      takeForensicCopies(clients, 'us-east-1', 'case-1', 'i-0abc1234', fast),
      /returned no snapshot/,
    );
  });
});
