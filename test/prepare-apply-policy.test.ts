import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsClients } from '../src/aws/clients.js';
import { CaseStore } from '../src/cases/store.js';
import { preparePolicy } from '../src/prepare/apply/policy.js';
import { prepareAccount } from '../src/prepare/apply/run.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

/** AwsClients acting as one IAM user of the emulator (its own access key). */
class ActingAs extends AwsClients {
  constructor(
    endpointUrl: string,
    private readonly key: { accessKeyId: string; secretAccessKey: string },
  ) {
    super({ endpointUrl, region: 'us-east-1', maxAttempts: 2 });
  }
  override credentials(): AwsCredentialIdentityProvider {
    return async () => this.key;
  }
}

/**
 * moto 5.2 authorises public-access-block calls as ListBucket/CreateBucket (see policy-least-privilege.test.ts),
 * and CloudWatch calls under the signing name ("monitoring:DescribeAlarms"): the printed policy keeps AWS's
 * names and the test adds moto's stand-ins beside exactly those.
 */
const MOTO_ALIASES: Record<string, string[]> = {
  'cloudwatch:DescribeAlarms': ['monitoring:DescribeAlarms'],
  'cloudwatch:PutMetricAlarm': ['monitoring:PutMetricAlarm'],
  's3:GetBucketPublicAccessBlock': ['s3:ListBucket'],
  's3:PutBucketPublicAccessBlock': ['s3:CreateBucket', 's3:DeleteBucket'],
};

describe('garrison policy prepare is enough for prepare apply', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  after(() => moto.emulator.enforceIam(false).catch(() => undefined));

  it('plans and applies a bare account holding only the derived policy', async () => {
    const admin = moto.clients();
    const derived = preparePolicy();
    assert.ok(
      !derived.Statement.flatMap((s) => s.Action).some((a) => /Delete|Detach|Remove|StopLogging/.test(a)),
      'the policy deletes nothing',
    );
    const policy = {
      ...derived,
      Statement: derived.Statement.map((s) => ({
        ...s,
        Action: s.Action.flatMap((a) => [a, ...(MOTO_ALIASES[a] ?? [])]),
      })),
    };
    const iam = admin.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'preparer' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'preparer',
        PolicyName: 'garrison',
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'preparer' }))).AccessKey;
    const acting = new ActingAs(moto.endpoint, {
      accessKeyId: key?.AccessKeyId ?? '',
      secretAccessKey: key?.SecretAccessKey ?? '',
    });
    await moto.emulator.enforceIam(true);
    const store = CaseStore.open(':memory:');
    try {
      const caseId = store.cases.create({ title: 'prepare' }).id;
      const { run } = await prepareAccount(acting, {
        regions: ['us-east-1', 'eu-west-1'],
        email: 'soc@example.com',
        apply: true,
        store,
        caseId,
      });
      const problems = run.outcomes
        .filter((o) => o.status !== 'applied')
        .map((o) => `${o.stepId}: ${o.status} ${o.detail}`);
      assert.deepEqual(problems, []);
      assert.equal(run.status, 'complete');
    } finally {
      store.close();
      await moto.emulator.enforceIam(false);
    }
  });
});
