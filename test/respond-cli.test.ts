import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { CaseStore } from '../src/cases/store.js';
import * as fx from '../src/guardduty/fixtures.test-data.js';
import { EMULATOR_CREDENTIALS } from '../src/lab/moto.js';
import { buildUserLab } from './helpers/contain-env.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'garrison-respond-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function env(db: string, endpoint = 'http://127.0.0.1:9'): NodeJS.ProcessEnv {
  return {
    GARRISON_DB: db,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

async function imported(db: string, finding: Record<string, unknown>, endpoint?: string): Promise<void> {
  const file = join(dir, `${finding.id as string}.json`);
  writeFileSync(file, JSON.stringify(finding));
  const r = await runCli(['guardduty', 'import', file, '--format', 'ndjson'], { env: env(db, endpoint) });
  assert.equal(r.status, 0, r.stderr);
}

describe('garrison respond (CLI), no AWS needed', () => {
  it('root credential use: manual guidance, nothing run, even with --apply; hostile title inert', async () => {
    const db = join(dir, 'root.db');
    const root = fx.rootFinding();
    root.title = 'Root used \u001b]0;owned\u0007\u001b[2J';
    await imported(db, root);
    const table = await runCli(['respond', root.id as string, '--format', 'table'], { env: env(db) });
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /response \(root credential use\):\n {2}- manual: .*MFA/);
    assert.doesNotMatch(table.stdout, /[\u001b\u0007]/);
    assert.match(table.stdout, /Root used \\x1b\]0;owned\\x07/);
    const applied = await runCli(['respond', root.id as string, '--apply', '--yes', '--format', 'json'], {
      env: env(db),
    });
    assert.equal(applied.status, 0, applied.stderr);
    assert.match(applied.stderr, /nothing garrison can contain/);
    const json = JSON.parse(applied.stdout);
    assert.deepEqual(
      json.steps.map((s: { recommendation: { playbook: string }; run?: unknown }) => [
        s.recommendation.playbook,
        s.run,
      ]),
      [['manual', undefined]],
    );
    const store = CaseStore.open(db);
    try {
      assert.equal(store.cases.list().length, 0, 'no case opened for guidance only');
    } finally {
      store.close();
    }
  });

  it('an unknown finding id exits 1 with a hint', async () => {
    const r = await runCli(['respond', 'does-not-exist'], { env: env(join(dir, 'empty.db')) });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no GuardDuty finding "does-not-exist"/);
    assert.match(r.stderr, /hint: bring it in first/);
  });
});

describe('garrison respond (CLI) on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('IAM user finding: --apply --yes opens a case, attaches the finding, deactivates the key, journals it', async () => {
    const clients = moto.clients();
    const lab = await buildUserLab(clients, 'build-bot');
    const key = lab.keyIds[0] as string;
    const finding = fx.iamUserFinding('build-bot');
    finding.accountId = '123456789012';
    Object.assign((finding.resource as { accessKeyDetails: object }).accessKeyDetails, { accessKeyId: key });
    const db = join(dir, 'iam.db');
    await imported(db, finding, moto.endpoint);

    const r = await runCli(['respond', finding.id as string, '--apply', '--yes', '--format', 'json'], {
      env: env(db, moto.endpoint),
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /opened case (case-\S+)/);
    const result = JSON.parse(r.stdout);
    assert.equal(result.family, 'IAM user credentials');
    assert.equal(result.steps[0].recommendation.target, key);
    assert.equal(result.steps[0].run.status, 'complete');
    const keys = (await clients.client(IAMClient).send(new ListAccessKeysCommand({ UserName: 'build-bot' })))
      .AccessKeyMetadata;
    assert.equal(keys?.find((k) => k.AccessKeyId === key)?.Status, 'Inactive');
    assert.equal(keys?.find((k) => k.AccessKeyId !== key)?.Status, 'Active', 'only the named key');
    const store = CaseStore.open(db);
    try {
      const caseId = result.caseId as string;
      assert.deepEqual(
        store.findings.forCase(caseId).map((s) => s.sourceId),
        [finding.id],
      );
      assert.ok(
        store.journal.forCase(caseId).some((a) => a.playbook === 'iam-user' && a.status === 'verified'),
      );
    } finally {
      store.close();
    }
  });

  it('a finding of another account is refused before anything is planned', async () => {
    const db = join(dir, 'other.db');
    const finding = fx.ec2Finding();
    await imported(db, finding, moto.endpoint);
    const r = await runCli(['respond', finding.id as string, '--format', 'json'], {
      env: env(db, moto.endpoint),
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the finding is in account 111122223333, these credentials act in 123456789012/);
    assert.match(r.stderr, /--role-arn/);
  });
});
