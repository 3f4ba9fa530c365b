import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { AutoScalingClient, DescribeAutoScalingInstancesCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstancesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../aws/clients.js';
import { runPlaybook } from '../runner/run-playbook.js';
import { validatePlaybook } from '../runner/validate.js';
import { ec2Playbook } from './ec2/playbook.js';
import { playbooks } from './index.js';

describe('the containment playbooks as declared', () => {
  it('all validate, with unique names and actions for every step', () => {
    assert.deepEqual(
      playbooks.map((p) => p.name),
      ['ec2', 'iam-user', 'iam-role', 's3-bucket'],
    );
    for (const p of playbooks) {
      validatePlaybook(p);
      for (const s of p.steps)
        assert.ok(s.iamActions.length > 0, `${p.name}:${s.id} declares its IAM actions`);
    }
  });

  it('keeps evidence out of undo, and makes every other change reversible except the console password', () => {
    const irreversible = playbooks.flatMap((p) =>
      p.steps.filter((s) => !s.evidence && !s.undo).map((s) => `${p.name}:${s.id}`),
    );
    assert.deepEqual(irreversible, ['iam-user:delete-login-profile']);
    for (const p of playbooks) for (const s of p.steps) if (s.evidence) assert.equal(s.undo, undefined);
    const ec2 = Object.fromEntries(ec2Playbook.steps.map((s) => [s.id, s]));
    assert.ok(
      ec2['isolate-network']?.dependsOn.includes('protect-instance'),
      'protection is set before the groups change',
    );
    assert.ok(ec2['detach-instance-profile']?.dependsOn.includes('revoke-role-sessions'));
    assert.deepEqual(ec2['record-metadata']?.dependsOn, []);
  });
});

describe('contain ec2 on an instance that is gone (command-level mocks)', () => {
  const ec2 = mockClient(EC2Client);
  const asg = mockClient(AutoScalingClient);
  const elb = mockClient(ElasticLoadBalancingV2Client);
  afterEach(() => {
    ec2.reset();
    asg.reset();
    elb.reset();
  });

  it('refuses a terminated instance at the evidence step and runs nothing after it', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        { Instances: [{ InstanceId: 'i-0abc1234def567890', State: { Name: 'terminated' }, VpcId: 'vpc-1' }] },
      ],
    });
    ec2.on(DescribeIamInstanceProfileAssociationsCommand).resolves({ IamInstanceProfileAssociations: [] });
    asg.on(DescribeAutoScalingInstancesCommand).resolves({ AutoScalingInstances: [] });
    elb.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    const result = await runPlaybook({
      playbook: ec2Playbook,
      target: { id: 'i-0abc1234def567890', region: 'us-east-1' },
      clients: new AwsClients({ region: 'us-east-1' }),
    });
    const by = Object.fromEntries(result.outcomes.map((o) => [o.stepId, o]));
    assert.equal(by['record-metadata']?.status, 'failed');
    assert.match(by['record-metadata']?.detail ?? '', /terminated: there is nothing left to contain/);
    for (const o of result.outcomes.filter((x) => x.stepId !== 'record-metadata'))
      assert.equal(o.status, 'blocked', o.stepId);
    assert.equal(result.status, 'failed');
  });
});
