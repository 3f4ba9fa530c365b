import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { CaseStore } from '../src/cases/store.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'garrison.js');
const dir = mkdtempSync(join(tmpdir(), 'garrison-release-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function garrison(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, AWS_REGION: 'us-east-1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('garrison contain then garrison release: the recovery path through the CLI, on moto', {
  skip: motoSkipReason,
}, () => {
  const moto = useMoto();

  it('undoes what containment changed, keeps the evidence, and marks the case recovered', async () => {
    const iam = moto.clients().client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'mallory' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'mallory' }))).AccessKey?.AccessKeyId;
    const db = join(dir, 'cases.db');
    const global = ['--endpoint-url', moto.endpoint, '--db', db];

    const contained = await garrison([
      ...global,
      'contain',
      'iam-user',
      'mallory',
      '--apply',
      '--yes',
      '--format',
      'json',
    ]);
    assert.equal(contained.code, 0, contained.stderr);
    const caseId = JSON.parse(contained.stdout).caseId as string;
    const keyStatus = async () =>
      (await iam.send(new ListAccessKeysCommand({ UserName: 'mallory' }))).AccessKeyMetadata?.find(
        (k) => k.AccessKeyId === key,
      )?.Status;
    assert.equal(await keyStatus(), 'Inactive');

    const plan = await garrison([...global, 'release', caseId, '--format', 'json']);
    assert.equal(plan.code, 0, plan.stderr);
    const planned = JSON.parse(plan.stdout) as {
      status: string;
      outcomes: { stepId: string; status: string }[];
    };
    assert.equal(planned.status, 'planned');
    assert.ok(planned.outcomes.some((o) => o.status === 'would-undo'));
    assert.ok(planned.outcomes.some((o) => o.status === 'evidence-kept'));
    assert.equal(await keyStatus(), 'Inactive', 'a dry run changes nothing');

    const done = await garrison([...global, 'release', caseId, '--apply', '--yes', '--format', 'json']);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(JSON.parse(done.stdout).status, 'complete');
    assert.equal(await keyStatus(), 'Active');
    const policies = await iam.send(new ListUserPoliciesCommand({ UserName: 'mallory' }));
    assert.deepEqual(policies.PolicyNames ?? [], [], "garrison's revoke policy is gone");

    const store = CaseStore.open(db);
    assert.equal(store.cases.get(caseId).status, 'recovered');
    assert.ok(store.evidence.forCase(caseId).length >= 1, 'the evidence stays');
    const undos = store.journal.forCase(caseId).filter((e) => e.kind === 'undo');
    assert.ok(undos.length >= 2 && undos.every((e) => e.status === 'undone' && e.actorArn));
    store.close();

    const again = await garrison([...global, 'release', caseId, '--apply', '--yes', '--format', 'json']);
    assert.equal(again.code, 0);
    assert.ok(
      JSON.parse(again.stdout).outcomes.every(
        (o: { status: string }) => o.status !== 'would-undo' && o.status !== 'undone',
      ),
    );
  });
});
