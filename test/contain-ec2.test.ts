import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  CreateTagsCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { CaseStore } from '../src/cases/store.js';
import { renderRun } from '../src/cli/playbook-output.js';
import { ec2Playbook } from '../src/respond/playbooks/ec2/playbook.js';
import { resolveTargets } from '../src/respond/playbooks/targets.js';
import { release } from '../src/respond/runner/release.js';
import { runPlaybook } from '../src/respond/runner/run-playbook.js';
import { buildEc2Lab } from './helpers/contain-env.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

describe('contain ec2 on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('plans, applies, verifies independently, re-runs without change and releases', async () => {
    const clients = moto.clients();
    const lab = await buildEc2Lab(clients, 1);
    const instanceId = lab.instanceIds[0] as string;
    const ec2 = clients.client(EC2Client);
    const enis = async () =>
      (
        await ec2.send(
          new DescribeNetworkInterfacesCommand({
            Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }],
          }),
        )
      ).NetworkInterfaces ?? [];
    const groupsBefore = new Map(
      (await enis()).map((n) => [n.NetworkInterfaceId, (n.Groups ?? []).map((g) => g.GroupId)]),
    );
    assert.equal(groupsBefore.size, 2);

    const store = CaseStore.open(':memory:');
    const caseId = store.cases.create({ title: 'crypto-miner on web' }).id;
    const target = { id: instanceId, region: 'us-east-1' };
    // --tag finds the same instance (and only live ones).
    const tagged = await resolveTargets('ec2', [], { tag: 'app=web' }, clients);
    assert.deepEqual(
      tagged.map((t) => t.id),
      [instanceId],
    );
    assert.deepEqual(
      await resolveTargets('ec2', [], { tag: 'app=nothing' }, clients).catch((e: Error) => e.message),
      'no instance to contain',
    );

    // Dry run: a plan for every step, nothing changed.
    const plan = await runPlaybook({ playbook: ec2Playbook, target, clients, store, caseId });
    assert.equal(plan.status, 'planned');
    const byStep = (r: typeof plan) => Object.fromEntries(r.outcomes.map((o) => [o.stepId, o.status]));
    assert.equal(byStep(plan)['isolate-network'], 'would-change');
    assert.equal(byStep(plan)['cut-subnet-acl'], 'nothing-to-do');
    assert.deepEqual(
      new Map((await enis()).map((n) => [n.NetworkInterfaceId, (n.Groups ?? []).map((g) => g.GroupId)])),
      groupsBefore,
    );
    assert.equal(store.journal.forCase(caseId).length, 0);

    // Attacker-controlled tag values are kept verbatim as evidence but never reach the terminal raw.
    const hostile = '\u001b]0;owned\u0007=HYPERLINK("http://x")\nrm -rf /';
    await ec2.send(
      new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: 'Name', Value: hostile }] }),
    );
    const applied = await runPlaybook({
      playbook: ec2Playbook,
      target,
      clients: clients.forCase(caseId),
      store,
      caseId,
      apply: true,
    });
    assert.equal(
      applied.status,
      'complete',
      JSON.stringify(
        applied.outcomes.filter((o) => o.status !== 'applied'),
        null,
        1,
      ),
    );
    assert.match(
      applied.outcomes.find((o) => o.stepId === 'revoke-role-sessions')?.warnings.join() ?? '',
      /every holder/,
    );

    // Independent reads: every interface on the empty isolation group.
    const iso = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'tag:garrison:purpose', Values: ['isolation', 'untrack'] }],
      }),
    );
    const isolation = iso.SecurityGroups?.find((g) => g.GroupName === 'garrison-isolation');
    const untrack = iso.SecurityGroups?.find((g) => g.GroupName === 'garrison-untrack');
    assert.deepEqual(isolation?.IpPermissions, []);
    assert.deepEqual(isolation?.IpPermissionsEgress, []);
    assert.equal(untrack?.IpPermissions?.[0]?.IpRanges?.[0]?.CidrIp, '0.0.0.0/0');
    for (const n of await enis())
      assert.ok(
        (n.Groups ?? []).some((g) => g.GroupId === isolation?.GroupId),
        n.NetworkInterfaceId,
      );
    // Protected, out of service, without its role.
    const term = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'disableApiTermination' }),
    );
    assert.equal(term.DisableApiTermination?.Value, true);
    await assert.rejects(ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] })));
    const shutdown = await ec2.send(
      new DescribeInstanceAttributeCommand({
        InstanceId: instanceId,
        Attribute: 'instanceInitiatedShutdownBehavior',
      }),
    );
    assert.equal(shutdown.InstanceInitiatedShutdownBehavior?.Value, 'stop');
    const asg = await clients
      .client(AutoScalingClient)
      .send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [lab.asgName] }));
    assert.ok(!asg.AutoScalingGroups?.[0]?.Instances?.some((i) => i.InstanceId === instanceId));
    assert.equal(asg.AutoScalingGroups?.[0]?.DesiredCapacity, 1, 'capacity kept by default');
    const health = await clients
      .client(ElasticLoadBalancingV2Client)
      .send(new DescribeTargetHealthCommand({ TargetGroupArn: lab.targetGroupArn }));
    assert.ok(
      !health.TargetHealthDescriptions?.some(
        (d) => d.Target?.Id === instanceId && d.TargetHealth?.State !== 'draining',
      ),
    );
    const assoc = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: 'instance-id', Values: [instanceId] }],
      }),
    );
    assert.ok(!assoc.IamInstanceProfileAssociations?.some((a) => a.State === 'associated'));
    const revoke = await clients
      .client(IAMClient)
      .send(
        new GetRolePolicyCommand({ RoleName: lab.roleName, PolicyName: 'garrison-revoke-older-sessions' }),
      );
    assert.match(decodeURIComponent(revoke.PolicyDocument ?? ''), /aws:TokenIssueTime/);
    // Evidence: tagged copies, tags, console output hash.
    const snaps = await ec2.send(
      new DescribeSnapshotsCommand({ Filters: [{ Name: 'tag:garrison:case', Values: [caseId] }] }),
    );
    assert.ok((snaps.Snapshots ?? []).length >= 1);
    const images = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'tag:garrison:case', Values: [caseId] }],
      }),
    );
    assert.equal(images.Images?.length, 1);
    const tags = await ec2.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'key', Values: ['garrison:case'] },
          { Name: 'value', Values: [caseId] },
        ],
      }),
    );
    assert.ok(tags.Tags?.some((t) => t.ResourceId === instanceId));
    assert.ok(tags.Tags?.some((t) => t.ResourceType === 'volume'));
    const recorded = applied.outcomes.find((o) => o.stepId === 'record-metadata')?.output as {
      tags?: Record<string, string>;
    };
    assert.equal(recorded.tags?.Name, hostile, 'evidence keeps the value as AWS returned it');
    assert.doesNotMatch(renderRun(applied), /\u001b|\u0007/);
    const evidence = store.evidence
      .forCase(caseId)
      .map((e) => e.kind)
      .sort();
    assert.deepEqual(evidence, ['ami', 'console-output', 'ebs-snapshot', 'instance-metadata']);
    assert.match(
      store.evidence.forCase(caseId).find((e) => e.kind === 'console-output')?.sha256 ?? '',
      /^[0-9a-f]{64}$/,
    );

    // Re-run: nothing to do.
    const again = await runPlaybook({ playbook: ec2Playbook, target, clients, store, caseId, apply: true });
    assert.equal(again.status, 'complete');
    assert.equal(
      again.changed,
      false,
      JSON.stringify(again.outcomes.filter((o) => !['done-earlier', 'nothing-to-do'].includes(o.status))),
    );
    assert.equal(
      images.Images?.length,
      (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images?.filter((i) =>
        i.Tags?.some((t) => t.Value === caseId),
      ).length,
    );

    // Release: everything back except the evidence.
    const released = await release({ store, caseId, playbooks: [ec2Playbook], clients, apply: true });
    assert.equal(released.status, 'complete', JSON.stringify(released.outcomes, null, 1));
    for (const n of await enis())
      for (const g of groupsBefore.get(n.NetworkInterfaceId) ?? [])
        assert.ok(
          n.Groups?.some((x) => x.GroupId === g),
          `${n.NetworkInterfaceId} got ${g} back`,
        );
    const termAfter = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'disableApiTermination' }),
    );
    assert.equal(termAfter.DisableApiTermination?.Value, false);
    const assocAfter = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: 'instance-id', Values: [instanceId] }],
      }),
    );
    assert.ok(
      assocAfter.IamInstanceProfileAssociations?.some(
        (a) => a.State === 'associated' && a.IamInstanceProfile?.Arn === lab.instanceProfileArn,
      ),
    );
    await assert.rejects(
      clients
        .client(IAMClient)
        .send(
          new GetRolePolicyCommand({ RoleName: lab.roleName, PolicyName: 'garrison-revoke-older-sessions' }),
        ),
      /NoSuchEntity|cannot be found/,
    );
    const asgAfter = await clients
      .client(AutoScalingClient)
      .send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [lab.asgName] }));
    assert.ok(asgAfter.AutoScalingGroups?.[0]?.Instances?.some((i) => i.InstanceId === instanceId));
    const healthAfter = await clients
      .client(ElasticLoadBalancingV2Client)
      .send(new DescribeTargetHealthCommand({ TargetGroupArn: lab.targetGroupArn }));
    assert.ok(healthAfter.TargetHealthDescriptions?.some((d) => d.Target?.Id === instanceId));
    const snapsAfter = await ec2.send(
      new DescribeSnapshotsCommand({ Filters: [{ Name: 'tag:garrison:case', Values: [caseId] }] }),
    );
    assert.equal(snapsAfter.Snapshots?.length, snaps.Snapshots?.length, 'evidence is never deleted');
    store.close();
  });
});
