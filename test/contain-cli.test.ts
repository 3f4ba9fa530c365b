import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { EMULATOR_CREDENTIALS } from '../src/lab/moto.js';
import { buildPublicBucketLab, buildUserLab } from './helpers/contain-env.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

const dir = mkdtempSync(join(tmpdir(), 'garrison-contain-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function garrison(
  args: string[],
  endpoint = 'http://127.0.0.1:9',
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/garrison.js', ...args], {
      env: {
        PATH: process.env.PATH,
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        GARRISON_DB: join(dir, 'cases.db'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('garrison policy (CLI)', () => {
  it('prints a policy document for the named playbooks, and refuses an unknown one', async () => {
    const ok = await garrison(['policy', 's3-bucket']);
    assert.equal(ok.code, 0, ok.stderr);
    const policy = JSON.parse(ok.stdout);
    assert.equal(policy.Version, '2012-10-17');
    assert.ok(policy.Statement[0].Action.includes('s3:PutBucketPublicAccessBlock'));
    const bad = await garrison(['policy', 'ec2\u001b]0;pwned\u0007']);
    assert.equal(bad.code, 1);
    assert.doesNotMatch(bad.stderr, /\u001b\]/, 'escape sequences from the command line are not echoed raw');
  });
});

describe('garrison contain (CLI) on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('dry run changes nothing; --apply --yes opens a case that case list shows; bad targets exit 1', async () => {
    const lab = await buildPublicBucketLab(moto.clients());
    const dry = await garrison(['contain', 's3-bucket', lab.bucket, '--format', 'json'], moto.endpoint);
    assert.equal(dry.code, 0, dry.stderr);
    const plan = JSON.parse(dry.stdout);
    assert.equal(plan.caseId, null);
    assert.equal(plan.runs[0].status, 'planned');
    const s3 = moto.clients().client(S3Client);
    const before = await s3.send(new GetPublicAccessBlockCommand({ Bucket: lab.bucket }));
    assert.equal(before.PublicAccessBlockConfiguration?.BlockPublicAcls, false);

    const applied = await garrison(
      ['contain', 's3-bucket', lab.bucket, '--apply', '--yes', '--format', 'json'],
      moto.endpoint,
    );
    assert.equal(applied.code, 0, applied.stderr);
    const result = JSON.parse(applied.stdout);
    assert.match(applied.stderr, new RegExp(`opened case ${result.caseId}`));
    assert.equal(result.runs[0].status, 'complete');
    const afterApply = await s3.send(new GetPublicAccessBlockCommand({ Bucket: lab.bucket }));
    assert.equal(afterApply.PublicAccessBlockConfiguration?.BlockPublicAcls, true);
    const list = await garrison(['case', 'list', '--format', 'json'], moto.endpoint);
    assert.ok(
      JSON.parse(list.stdout).cases.some(
        (c: { id: string; status: string }) => c.id === result.caseId && c.status === 'contained',
      ),
    );

    const user = await buildUserLab(moto.clients(), 'carol');
    const intoCase = await garrison(
      [
        'contain',
        'iam-user',
        user.keyIds[0] as string,
        '--case',
        result.caseId,
        '--apply',
        '--yes',
        '--format',
        'json',
      ],
      moto.endpoint,
    );
    assert.equal(intoCase.code, 0, intoCase.stderr);
    assert.equal(JSON.parse(intoCase.stdout).runs[0].target, 'carol');

    const hostile = await garrison(['contain', 'ec2', 'i-0abc;rm -rf /\u001b[2J'], moto.endpoint);
    assert.equal(hostile.code, 1);
    assert.match(hostile.stderr, /not an EC2 instance id/);
    assert.doesNotMatch(hostile.stderr, /\u001b\[2J/);
    const missing = await garrison(['contain', 'ec2', 'i-0123456789abcdef0'], moto.endpoint);
    assert.equal(missing.code, 1);
    const failed = JSON.parse(missing.stdout).runs[0];
    assert.equal(failed.status, 'failed');
    assert.match(failed.outcomes[0].detail, /not found/);
    const noCase = await garrison(
      ['contain', 'iam-role', 'web', '--case', 'case-nope', '--apply', '--yes'],
      moto.endpoint,
    );
    assert.equal(noCase.code, 1);
  });
});
