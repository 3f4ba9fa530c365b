import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetLoginProfileCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListInstanceProfilesForRoleCommand,
} from '@aws-sdk/client-iam';
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CaseStore } from '../src/cases/store.js';
import { iamRolePlaybook } from '../src/respond/playbooks/iam-role/playbook.js';
import { resolveUser } from '../src/respond/playbooks/iam-user/credentials.js';
import { iamUserPlaybook } from '../src/respond/playbooks/iam-user/playbook.js';
import { bucketRegion } from '../src/respond/playbooks/s3-bucket/bucket-access.js';
import { s3BucketPlaybook } from '../src/respond/playbooks/s3-bucket/playbook.js';
import { resolveTargets } from '../src/respond/playbooks/targets.js';
import { release } from '../src/respond/runner/release.js';
import { runPlaybook } from '../src/respond/runner/run-playbook.js';
import { buildPublicBucketLab, buildUserLab } from './helpers/contain-env.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

function openCase() {
  const store = CaseStore.open(':memory:');
  return { store, caseId: store.cases.create({ title: 'test incident' }).id };
}
const statuses = (r: { outcomes: { stepId: string; status: string }[] }) =>
  Object.fromEntries(r.outcomes.map((o) => [o.stepId, o.status]));

describe('contain iam-user, iam-role, s3-bucket on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('iam-user by access key id: deactivates that key only, revokes sessions, deletes the login, releases', async () => {
    const clients = moto.clients();
    const iam = clients.client(IAMClient);
    const lab = await buildUserLab(clients, 'alice');
    const key = lab.keyIds[1] as string;
    const resolved = await resolveUser(clients, key);
    assert.deepEqual(resolved, { userName: 'alice', accessKeyId: key });
    await assert.rejects(resolveUser(clients, 'AKIAAAAAAAAAAAAAAAAA'), /not in this account/);
    await assert.rejects(resolveUser(clients, 'alice\u001b[31m;rm -rf'), /not an IAM user name/);

    const { store, caseId } = openCase();
    const target = { id: resolved.userName, region: 'us-east-1', accessKeyId: key };
    const dry = await runPlaybook({ playbook: iamUserPlaybook, target, clients, store, caseId });
    assert.equal(statuses(dry)['deactivate-access-keys'], 'would-change');
    const applied = await runPlaybook({
      playbook: iamUserPlaybook,
      target,
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(applied.status, 'complete', JSON.stringify(applied.outcomes));
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata ?? [];
    assert.equal(keys.find((k) => k.AccessKeyId === key)?.Status, 'Inactive');
    assert.equal(
      keys.find((k) => k.AccessKeyId === lab.keyIds[0])?.Status,
      'Active',
      'the other key was not asked for',
    );
    const policy = await iam.send(
      new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'garrison-revoke-older-sessions' }),
    );
    assert.match(decodeURIComponent(policy.PolicyDocument ?? ''), /DateLessThan.*aws:TokenIssueTime/);
    await assert.rejects(iam.send(new GetLoginProfileCommand({ UserName: 'alice' })));
    const journal = store.journal.forCase(caseId);
    const deactivated = journal.find((e) => e.stepId === 'deactivate-access-keys' && e.status === 'verified');
    assert.equal(deactivated?.requestIds.length, 1, 'the UpdateAccessKey request id is journaled');
    assert.equal(
      journal.find((e) => e.stepId === 'record-credentials')?.requestIds.length,
      0,
      'reads are not',
    );
    const evidence = store.evidence.forCase(caseId);
    assert.equal(evidence[0]?.kind, 'iam-user-credentials');
    assert.match(evidence[0]?.description ?? '', /1 MFA device/);

    const again = await runPlaybook({
      playbook: iamUserPlaybook,
      target,
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(again.changed, false);

    const released = await release({ store, caseId, playbooks: [iamUserPlaybook], clients, apply: true });
    const byStep = Object.fromEntries(released.outcomes.map((o) => [o.stepId, o]));
    assert.equal(byStep['deactivate-access-keys']?.status, 'undone');
    assert.equal(byStep['delete-login-profile']?.status, 'irreversible');
    assert.match(byStep['delete-login-profile']?.detail ?? '', /person must set a new password/);
    const after = (await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata ?? [];
    assert.ok(after.every((k) => k.Status === 'Active'));
    await assert.rejects(
      iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'garrison-revoke-older-sessions' })),
    );
  });

  it('iam-user by name deactivates every key; an unknown key of the user is refused', async () => {
    const clients = moto.clients();
    await buildUserLab(clients, 'bob');
    const { store, caseId } = openCase();
    const wrong = await runPlaybook({
      playbook: iamUserPlaybook,
      target: { id: 'bob', region: 'us-east-1', accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ' },
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(statuses(wrong)['deactivate-access-keys'], 'failed');
    const ok = await runPlaybook({
      playbook: iamUserPlaybook,
      target: { id: 'bob', region: 'us-east-1' },
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(ok.status, 'complete');
    const keys =
      (await clients.client(IAMClient).send(new ListAccessKeysCommand({ UserName: 'bob' })))
        .AccessKeyMetadata ?? [];
    assert.equal(keys.length, 2);
    assert.ok(keys.every((k) => k.Status === 'Inactive'));
  });

  it('acts in another account through --role-arn and leaves the home account alone', async () => {
    const home = moto.clients();
    const other = home.withRole('arn:aws:iam::210987654321:role/responder', 'case-ext-id');
    assert.equal(await other.accountId(), '210987654321');
    await buildUserLab(home, 'frank');
    await buildUserLab(other, 'frank');
    const { store, caseId } = openCase();
    const [target] = await resolveTargets('iam-user', ['frank'], {}, other);
    const run = await runPlaybook({
      playbook: iamUserPlaybook,
      target: target!,
      clients: other,
      store,
      caseId,
      apply: true,
    });
    assert.equal(run.status, 'complete');
    const keysThere =
      (await other.client(IAMClient).send(new ListAccessKeysCommand({ UserName: 'frank' })))
        .AccessKeyMetadata ?? [];
    const keysHome =
      (await home.client(IAMClient).send(new ListAccessKeysCommand({ UserName: 'frank' })))
        .AccessKeyMetadata ?? [];
    assert.ok(keysThere.every((k) => k.Status === 'Inactive'));
    assert.ok(
      keysHome.every((k) => k.Status === 'Active'),
      'the home account user is untouched',
    );
  });

  it('iam-role: revokes sessions and leaves its instance profiles, then releases', async () => {
    const clients = moto.clients();
    const iam = clients.client(IAMClient);
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'ci-deployer',
        AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
      }),
    );
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ci' }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ci', RoleName: 'ci-deployer' }),
    );
    const { store, caseId } = openCase();
    const target = { id: 'ci-deployer', region: 'us-east-1', removeFromInstanceProfiles: true };
    const applied = await runPlaybook({
      playbook: iamRolePlaybook,
      target,
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(applied.status, 'complete', JSON.stringify(applied.outcomes));
    assert.match(applied.outcomes[0]?.warnings.join() ?? '', /every holder/);
    await iam.send(
      new GetRolePolicyCommand({ RoleName: 'ci-deployer', PolicyName: 'garrison-revoke-older-sessions' }),
    );
    const profiles = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'ci-deployer' }));
    assert.equal(profiles.InstanceProfiles?.length, 0);
    assert.equal(
      (await runPlaybook({ playbook: iamRolePlaybook, target, clients, store, caseId, apply: true })).changed,
      false,
    );
    const released = await release({ store, caseId, playbooks: [iamRolePlaybook], clients, apply: true });
    assert.equal(released.status, 'complete');
    const back = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'ci-deployer' }));
    assert.equal(back.InstanceProfiles?.[0]?.InstanceProfileName, 'ci');
    await assert.rejects(
      iam.send(
        new GetRolePolicyCommand({ RoleName: 'ci-deployer', PolicyName: 'garrison-revoke-older-sessions' }),
      ),
    );
    const missing = await runPlaybook({
      playbook: iamRolePlaybook,
      target: { id: 'ghost', region: 'us-east-1' },
      clients,
    });
    assert.equal(missing.status, 'failed');
    assert.match(missing.outcomes[0]?.detail ?? '', /role ghost not found/);
  });

  it('s3-bucket: records, denies all but the responders, blocks public access, releases to the recorded state', async () => {
    const clients = moto.clients();
    const s3 = clients.client(S3Client);
    const lab = await buildPublicBucketLab(clients);
    const region = await bucketRegion(clients, lab.bucket);
    assert.equal(region, 'us-east-1');
    await assert.rejects(bucketRegion(clients, 'no-such-bucket-here'), /not found/);
    const { store, caseId } = openCase();
    const responder = 'arn:aws:iam::123456789012:role/incident-responder';
    const target = { id: lab.bucket, region, denyAllExcept: [responder] };
    const applied = await runPlaybook({
      playbook: s3BucketPlaybook,
      target,
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(applied.status, 'complete', JSON.stringify(applied.outcomes));
    const pab = await s3.send(new GetPublicAccessBlockCommand({ Bucket: lab.bucket }));
    assert.deepEqual(Object.values(pab.PublicAccessBlockConfiguration ?? {}), [true, true, true, true]);
    const policy = JSON.parse(
      (await s3.send(new GetBucketPolicyCommand({ Bucket: lab.bucket }))).Policy ?? '{}',
    );
    const deny = policy.Statement.find((s: { Sid: string }) => s.Sid === 'GarrisonDenyAllExceptResponders');
    assert.ok(deny.Condition.ArnNotLike['aws:PrincipalArn'].includes(responder));
    assert.ok(
      policy.Statement.some((s: { Sid: string }) => s.Sid === 'Public'),
      'the owner statement is kept for release',
    );
    const record = store.evidence.forCase(caseId).find((e) => e.kind === 'bucket-access');
    assert.match(record?.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(
      (await runPlaybook({ playbook: s3BucketPlaybook, target, clients, store, caseId, apply: true }))
        .changed,
      false,
    );

    const released = await release({ store, caseId, playbooks: [s3BucketPlaybook], clients, apply: true });
    assert.equal(released.status, 'complete', JSON.stringify(released.outcomes));
    const pabAfter = await s3.send(new GetPublicAccessBlockCommand({ Bucket: lab.bucket }));
    assert.deepEqual(Object.values(pabAfter.PublicAccessBlockConfiguration ?? {}), [
      false,
      false,
      false,
      false,
    ]);
    const policyAfter = (await s3.send(new GetBucketPolicyCommand({ Bucket: lab.bucket }))).Policy ?? '';
    assert.deepEqual(JSON.parse(policyAfter), JSON.parse(lab.policy));
  });
});
