import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CaseStore } from '../src/cases/store.js';
import { type PrepareIo, runAudit } from '../src/cli/commands/prepare.js';
import { type PrepareApplyIo, runPrepareApply } from '../src/cli/commands/prepare-apply.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

const REGIONS = ['us-east-1', 'eu-west-1'];

function capture(): PrepareApplyIo & PrepareIo & { stdout: string; stderr: string; store: CaseStore } {
  const store = CaseStore.open(':memory:');
  const io = {
    stdout: '',
    stderr: '',
    store,
    isTerminal: false,
    out: (text: string) => {
      io.stdout += text;
    },
    err: (text: string) => {
      io.stderr += text;
    },
    // The command closes the store it opens; the test keeps this one to read the journal.
    openStore: () => Object.assign(Object.create(store) as CaseStore, { close: () => {} }),
  };
  return io;
}

interface ApplyJson {
  status: string;
  caseId: string | null;
  changes: { step: string; change: string; update: boolean }[];
  steps: { stepId: string; status: string }[];
}

describe('prepare apply on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  const flags = { format: 'json', regions: REGIONS, email: 'soc@example.com' };

  it('bare account: low score, apply, audit 100, and a second apply plans nothing', async () => {
    const clients = moto.clients();
    const before = capture();
    await runAudit(clients, { format: 'json', regions: REGIONS }, before);
    const bare = JSON.parse(before.stdout) as { score: number };
    assert.ok(bare.score < 35, `bare account scored ${bare.score}`);

    const applying = capture();
    assert.equal(
      await runPrepareApply(clients, { ...flags, apply: true, yes: true }, applying),
      0,
      applying.stderr,
    );
    const applied = JSON.parse(applying.stdout) as ApplyJson;
    assert.equal(applied.status, 'complete', applying.stderr);
    assert.ok(
      applied.steps.every((s) => s.status === 'applied'),
      JSON.stringify(applied.steps),
    );
    assert.ok(applied.caseId, 'the changes are journaled in a case');
    const journal = applying.store.journal.forCase(applied.caseId as string);
    assert.equal(journal.length, 16, 'one journal entry per step');

    const after = capture();
    assert.equal(await runAudit(clients, { format: 'json', regions: REGIONS }, after), 0, after.stderr);
    const report = JSON.parse(after.stdout) as {
      score: number;
      checks: { id: string; status: string; detail: string }[];
    };
    const notPassing = report.checks.filter(
      (c) => c.status !== 'pass' && c.id !== 'cloudtrail-organization-trail',
    );
    assert.deepEqual(notPassing, []);
    assert.equal(report.score, 100);

    const again = capture();
    assert.equal(
      await runPrepareApply(clients, { ...flags, apply: true, yes: true }, again),
      0,
      again.stderr,
    );
    const second = JSON.parse(again.stdout) as ApplyJson;
    assert.deepEqual(second.changes, []);
    assert.equal(second.caseId, null, 'nothing to change: no case opened');
    assert.ok(
      second.steps.every((s) => s.status === 'nothing-to-do'),
      JSON.stringify(second.steps),
    );
    assert.match(again.stderr, /is prepared: nothing to change/);
  });

  it('an existing trail without validation is updated in place; its stricter bucket policy is kept', async () => {
    const clients = moto.clients();
    const s3 = clients.client(S3Client, 'us-east-1');
    const trails = clients.client(CloudTrailClient, 'us-east-1');
    const bucket = 'legacy-trail-logs';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const deny = {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [deny] }),
      }),
    );
    await trails.send(new CreateTrailCommand({ Name: 'legacy', S3BucketName: bucket }));

    const planning = capture();
    assert.equal(
      await runPrepareApply(clients, { ...flags, regions: ['us-east-1'] }, planning),
      0,
      planning.stderr,
    );
    const plan = JSON.parse(planning.stdout) as ApplyJson;
    assert.equal(plan.status, 'planned');
    const trailChanges = plan.changes.filter((c) => c.step === 'trail');
    assert.ok(trailChanges.length > 0 && trailChanges.every((c) => c.update), JSON.stringify(trailChanges));
    assert.match(
      trailChanges[0]?.change ?? '',
      /trail legacy: make it multi-region, turn on log file validation/,
    );
    assert.ok(!plan.changes.some((c) => /create multi-region trail/.test(c.change)), 'not replaced');
    assert.ok(
      plan.changes.some((c) => c.step === 'trail-bucket' && c.update && /AWSCloudTrailWrite/.test(c.change)),
    );

    const declined = { ...capture(), confirm: async () => false };
    await assert.rejects(
      runPrepareApply(clients, { ...flags, regions: ['us-east-1'], apply: true }, declined),
      /preparation cancelled: nothing was changed/,
    );
    const untouched = (await trails.send(new DescribeTrailsCommand({}))).trailList?.[0];
    assert.equal(untouched?.LogFileValidationEnabled, false, 'a declined confirmation changes nothing');
    const applying = capture();
    assert.equal(
      await runPrepareApply(clients, { ...flags, regions: ['us-east-1'], apply: true, yes: true }, applying),
      0,
      applying.stderr,
    );
    const described = await trails.send(new DescribeTrailsCommand({}));
    assert.equal(described.trailList?.length, 1, 'no second trail');
    const t = described.trailList?.[0];
    assert.equal(t?.Name, 'legacy');
    assert.equal(t?.S3BucketName, bucket);
    assert.equal(t?.LogFileValidationEnabled, true);
    assert.equal(t?.IsMultiRegionTrail, true);
    const selectors = await trails.send(new GetEventSelectorsCommand({ TrailName: 'legacy' }));
    assert.equal(selectors.EventSelectors?.[0]?.IncludeManagementEvents, true);
    const policy = JSON.parse(
      (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}',
    ) as { Statement: { Sid: string }[] };
    assert.deepEqual(policy.Statement[0], deny, 'the stricter statement is kept, first');
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      ['DenyInsecureTransport', 'AWSCloudTrailAclCheck', 'AWSCloudTrailWrite'],
    );
  });
  it('--kms-key-id whose policy shuts CloudTrail out: a conflict in the plan, the policy untouched, the trail unencrypted', async () => {
    const clients = moto.clients();
    const kms = clients.client(KMSClient, 'us-east-1');
    const rootOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
    const keyArn = (await kms.send(new CreateKeyCommand({ Policy: rootOnly }))).KeyMetadata?.Arn as string;
    const planning = capture();
    const options = { ...flags, regions: ['us-east-1'], kmsKeyId: keyArn };
    assert.equal(await runPrepareApply(clients, options, planning), 0, planning.stderr);
    const result = JSON.parse(planning.stdout) as ApplyJson;
    const conflict = result.changes.find((c) => c.step === 'trail-key');
    assert.ok(conflict?.update, JSON.stringify(result.changes));
    assert.match(
      conflict?.change ?? '',
      /does not let CloudTrail encrypt .*garrison does not rewrite key policies/,
    );
    const applying = capture();
    assert.equal(
      await runPrepareApply(clients, { ...options, apply: true, yes: true }, applying),
      0,
      applying.stderr,
    );
    const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))).Policy;
    assert.deepEqual(JSON.parse(policy ?? '{}'), JSON.parse(rootOnly), 'the key policy is not rewritten');
    const trails = await clients.client(CloudTrailClient, 'us-east-1').send(new DescribeTrailsCommand({}));
    assert.equal(
      trails.trailList?.[0]?.KmsKeyId,
      undefined,
      'the trail is not pointed at a key it cannot use',
    );
    await assert.rejects(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/garrison-cloudtrail' })),
      /NotFound/,
    );
  });

  it("garrison's own key: found by alias, rotation on, CloudTrail's statements in its policy", async () => {
    const clients = moto.clients();
    const applying = capture();
    const options = { ...flags, regions: ['us-east-1'], apply: true, yes: true };
    assert.equal(await runPrepareApply(clients, options, applying), 0, applying.stderr);
    const kms = clients.client(KMSClient, 'us-east-1');
    const key = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/garrison-cloudtrail' }));
    const keyId = key.KeyMetadata?.KeyId as string;
    assert.equal(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled,
      true,
    );
    const policy = JSON.parse(
      (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy ?? '{}',
    ) as { Statement: { Sid: string }[] };
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      [
        'Enable IAM User Permissions',
        'Allow CloudTrail to encrypt logs',
        'Allow CloudTrail to describe key',
        'Allow principals in the account to decrypt log files',
      ],
    );
    const trails = await clients.client(CloudTrailClient, 'us-east-1').send(new DescribeTrailsCommand({}));
    assert.match(trails.trailList?.[0]?.KmsKeyId ?? '', /alias\/garrison-cloudtrail|key\//);
  });
});
