import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CaseStore } from '../src/cases/store.js';
import { playbooks } from '../src/respond/playbooks/index.js';
import { derivePolicy, playbooksNamed } from '../src/respond/playbooks/policy.js';
import { resolveTargets } from '../src/respond/playbooks/targets.js';
import { release } from '../src/respond/runner/release.js';
import { runPlaybook } from '../src/respond/runner/run-playbook.js';
import { buildEc2Lab, buildPublicBucketLab, buildUserLab } from './helpers/contain-env.js';
import { userHolding } from './helpers/least-privilege.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

describe('garrison policy is enough: every playbook under IAM enforcement', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  after(() => moto.emulator.enforceIam(false).catch(() => undefined));

  it('derives one statement per playbook from the declared actions, and refuses unknown names', () => {
    const policy = derivePolicy(playbooksNamed(['ec2', 'ec2', 'iam-role']));
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      ['GarrisonEc2', 'GarrisonIamRole', 'GarrisonRunner'],
    );
    assert.ok(policy.Statement[0]?.Action.includes('ec2:ModifyNetworkInterfaceAttribute'));
    assert.ok(!policy.Statement[0]?.Action.includes('iam:PutUserPolicy'));
    assert.equal(playbooksNamed(['all']).length, playbooks.length);
    assert.throws(() => playbooksNamed(['ec2', 'rm -rf /']), /no playbook called/);
  });

  it('runs ec2, iam-user, iam-role and s3-bucket, and releases them, holding only the derived policy', async () => {
    const admin = moto.clients();
    const ec2Lab = await buildEc2Lab(admin, 1);
    const userLab = await buildUserLab(admin, 'mallory');
    const bucketLab = await buildPublicBucketLab(admin);
    const acting = await userHolding(
      admin,
      moto.endpoint,
      'responder',
      derivePolicy(playbooksNamed(['all'])),
    );
    const store = CaseStore.open(':memory:');
    const caseId = store.cases.create({ title: 'least privilege' }).id;
    await moto.emulator.enforceIam(true);
    try {
      const cases: [string, string[], Record<string, unknown>][] = [
        ['ec2', ec2Lab.instanceIds, {}],
        ['iam-user', [userLab.keyIds[0] as string], {}],
        ['iam-role', [ec2Lab.roleName], { removeFromInstanceProfiles: true }],
        ['s3-bucket', [bucketLab.bucket], { denyAllExcept: ['arn:aws:iam::123456789012:role/responder'] }],
      ];
      for (const [kind, inputs, options] of cases) {
        const playbook = playbooksNamed([kind])[0]!;
        const [target] = await resolveTargets(kind, inputs, options, acting);
        const run = await runPlaybook({
          playbook,
          target: target!,
          clients: acting,
          store,
          caseId,
          apply: true,
        });
        assert.equal(
          run.status,
          'complete',
          `${kind}: ${JSON.stringify(run.outcomes.filter((o) => o.status !== 'applied' && o.status !== 'nothing-to-do'))}`,
        );
      }
      const released = await release({ store, caseId, playbooks, clients: acting, apply: true });
      assert.equal(
        released.status,
        'complete',
        JSON.stringify(released.outcomes.filter((o) => o.status === 'undo-failed')),
      );
    } finally {
      await moto.emulator.enforceIam(false);
      store.close();
    }
  });

  it('fails the step whose action is missing from the policy (enforcement is real)', async () => {
    const admin = moto.clients();
    const lab = await buildUserLab(admin, 'eve');
    const policy = derivePolicy(playbooksNamed(['iam-user']));
    for (const s of policy.Statement) s.Action = s.Action.filter((a) => a !== 'iam:UpdateAccessKey');
    const acting = await userHolding(admin, moto.endpoint, 'half-responder', policy);
    const store = CaseStore.open(':memory:');
    const caseId = store.cases.create({ title: 'missing action' }).id;
    await moto.emulator.enforceIam(true);
    try {
      const [target] = await resolveTargets('iam-user', [lab.userName], {}, acting);
      const run = await runPlaybook({
        playbook: playbooksNamed(['iam-user'])[0]!,
        target: target!,
        clients: acting,
        store,
        caseId,
        apply: true,
      });
      const keys = run.outcomes.find((o) => o.stepId === 'deactivate-access-keys');
      assert.equal(keys?.status, 'failed');
      assert.match(keys?.detail ?? '', /not authorized|AccessDenied/i);
      assert.equal(run.outcomes.find((o) => o.stepId === 'revoke-user-sessions')?.status, 'applied');
      assert.equal(run.status, 'failed');
    } finally {
      await moto.emulator.enforceIam(false);
      store.close();
    }
  });
});
