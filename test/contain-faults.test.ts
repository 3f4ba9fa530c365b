import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AutoScalingClient, DescribeAutoScalingInstancesCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetRolePolicyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsClients } from '../src/aws/clients.js';
import { CaseStore } from '../src/cases/store.js';
import { playbooks } from '../src/respond/playbooks/index.js';
import { playbooksNamed } from '../src/respond/playbooks/policy.js';
import { type ContainOptions, resolveTargets } from '../src/respond/playbooks/targets.js';
import { release } from '../src/respond/runner/release.js';
import { runPlaybook } from '../src/respond/runner/run-playbook.js';
import { buildEc2Lab, buildPublicBucketLab, buildUserLab } from './helpers/contain-env.js';
import { type FaultProxy, startFaultProxy } from './helpers/contain-faults.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

describe('containment through injected AWS faults', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  let proxy: FaultProxy;
  before(async () => {
    proxy = await startFaultProxy(moto.endpoint, {
      rate: 0,
      seed: Number(process.env.GARRISON_FAULT_SEED ?? 7),
      maxDelayMs: 250,
    });
  });
  after(async () => {
    await proxy.close();
    const seen = proxy.faults();
    process.stderr.write(`faults injected: ${JSON.stringify(seen)} over ${proxy.calls.length} calls\n`);
  });
  /** Clients through the proxy (faulty), with garrison's own retry settings. */
  const faulty = () => new AwsClients({ endpointUrl: proxy.endpoint, region: 'us-east-1' });

  async function contain(kind: string, inputs: string[], options: ContainOptions) {
    const store = CaseStore.open(':memory:');
    const caseId = store.cases.create({ title: `faults ${kind}` }).id;
    proxy.setRate(0.25);
    try {
      const clients = faulty();
      const targets = await resolveTargets(kind, inputs, options, clients);
      for (const target of targets) {
        const run = await runPlaybook({
          playbook: playbooksNamed([kind])[0]!,
          target,
          clients,
          store,
          caseId,
          apply: true,
        });
        assert.equal(
          run.status,
          'complete',
          JSON.stringify(run.outcomes.filter((o) => !['applied', 'nothing-to-do'].includes(o.status))),
        );
      }
      return { store, caseId, clients };
    } finally {
      proxy.setRate(0);
    }
  }
  async function releaseAll(store: CaseStore, caseId: string) {
    proxy.setRate(0.25);
    try {
      const result = await release({ store, caseId, playbooks, clients: faulty(), apply: true });
      assert.equal(
        result.status,
        'complete',
        JSON.stringify(result.outcomes.filter((o) => o.status === 'undo-failed')),
      );
    } finally {
      proxy.setRate(0);
    }
  }

  it('ec2 with --nacl ends isolated, and released, despite throttling, 5xx, drops and delays', async () => {
    const direct = moto.clients();
    const lab = await buildEc2Lab(direct, 1);
    const id = lab.instanceIds[0] as string;
    const ec2 = direct.client(EC2Client);
    const enis = async () =>
      (
        await ec2.send(
          new DescribeNetworkInterfacesCommand({
            Filters: [{ Name: 'attachment.instance-id', Values: [id] }],
          }),
        )
      ).NetworkInterfaces ?? [];
    const aclOf = async (subnet: string) =>
      (
        await ec2.send(
          new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }),
        )
      ).NetworkAcls?.[0]?.NetworkAclId;
    const originalAcl = await aclOf(lab.subnetIds[0]);
    const originalGroups = new Map(
      (await enis()).map((n) => [n.NetworkInterfaceId, (n.Groups ?? []).map((g) => g.GroupId)]),
    );

    const { store, caseId } = await contain('ec2', [id], { nacl: true });
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['garrison-isolation'] }],
      }),
    );
    assert.equal(
      groups.SecurityGroups?.length,
      1,
      'one isolation group, even when CreateSecurityGroup was retried',
    );
    const iso = groups.SecurityGroups?.[0];
    assert.deepEqual([iso?.IpPermissions, iso?.IpPermissionsEgress], [[], []]);
    for (const n of await enis()) assert.ok(n.Groups?.some((g) => g.GroupId === iso?.GroupId));
    const denyAll = await aclOf(lab.subnetIds[0]);
    assert.notEqual(denyAll, originalAcl);
    const term = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'disableApiTermination' }),
    );
    assert.equal(term.DisableApiTermination?.Value, true);
    const asg = await direct
      .client(AutoScalingClient)
      .send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [id] }));
    assert.equal(asg.AutoScalingInstances?.length ?? 0, 0);
    await direct
      .client(IAMClient)
      .send(
        new GetRolePolicyCommand({ RoleName: lab.roleName, PolicyName: 'garrison-revoke-older-sessions' }),
      );
    const images = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'tag:garrison:case', Values: [caseId] }],
      }),
    );
    assert.equal(images.Images?.length, 1, 'one image, even when CreateImage was retried');

    await releaseAll(store, caseId);
    assert.equal(await aclOf(lab.subnetIds[0]), originalAcl);
    for (const n of await enis())
      for (const g of originalGroups.get(n.NetworkInterfaceId) ?? [])
        assert.ok(n.Groups?.some((x) => x.GroupId === g));
    const asgBack = await direct
      .client(AutoScalingClient)
      .send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [id] }));
    assert.equal(asgBack.AutoScalingInstances?.[0]?.AutoScalingGroupName, lab.asgName);
    store.close();
  });

  it('iam-user, iam-role and s3-bucket end contained and released despite faults', async () => {
    const direct = moto.clients();
    const user = await buildUserLab(direct, 'dave');
    const bucket = await buildPublicBucketLab(direct, 'faulty-bucket');
    const lab = await buildEc2Lab(direct, 1);
    const iam = direct.client(IAMClient);
    const s3 = direct.client(S3Client);

    const u = await contain('iam-user', ['dave'], {});
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: 'dave' }))).AccessKeyMetadata ?? [];
    assert.deepEqual(
      keys.map((k) => k.Status),
      ['Inactive', 'Inactive'],
    );
    await releaseAll(u.store, u.caseId);
    const back = (await iam.send(new ListAccessKeysCommand({ UserName: 'dave' }))).AccessKeyMetadata ?? [];
    assert.deepEqual(back.map((k) => k.AccessKeyId).sort(), [...user.keyIds].sort());
    assert.ok(back.every((k) => k.Status === 'Active'));

    const r = await contain('iam-role', [lab.roleName], { removeFromInstanceProfiles: true });
    await iam.send(
      new GetRolePolicyCommand({ RoleName: lab.roleName, PolicyName: 'garrison-revoke-older-sessions' }),
    );
    await releaseAll(r.store, r.caseId);
    await assert.rejects(
      iam.send(
        new GetRolePolicyCommand({ RoleName: lab.roleName, PolicyName: 'garrison-revoke-older-sessions' }),
      ),
    );

    const b = await contain('s3-bucket', [bucket.bucket], {
      denyAllExcept: ['arn:aws:iam::123456789012:role/responder'],
    });
    const pab = await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket.bucket }));
    assert.equal(pab.PublicAccessBlockConfiguration?.RestrictPublicBuckets, true);
    await releaseAll(b.store, b.caseId);
    assert.deepEqual(
      JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket.bucket }))).Policy ?? ''),
      JSON.parse(bucket.policy),
    );

    const seen = proxy.faults();
    assert.ok(Object.values(seen).reduce((a, b) => a + b, 0) >= 10, JSON.stringify(seen));
    assert.ok(
      Object.values(seen).filter((n) => n > 0).length >= 5,
      `most fault kinds were exercised: ${JSON.stringify(seen)}`,
    );
  });
});
