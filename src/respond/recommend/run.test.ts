import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { GetAccessKeyLastUsedCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetBucketLocationCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../aws/clients.js';
import * as fx from '../../guardduty/fixtures.test-data.js';
import { type GuardDutyFinding, parseGuardDutyFinding } from '../../guardduty/schema.js';
import { respondToFinding } from './run.js';

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
afterEach(() => {
  iam.reset();
  s3.reset();
});

function parsed(raw: Record<string, unknown>): GuardDutyFinding {
  const r = parseGuardDutyFinding(raw, 't');
  if (!r.ok) throw new Error(r.rejected.reason);
  return r.finding;
}

describe('respondToFinding', () => {
  it('one recommendation that cannot run does not stop the next; manual ones come back as guidance', async () => {
    const missing = Object.assign(new Error('The Access Key with id AKIAI44QH8DHBEXAMPLE cannot be found'), {
      name: 'NoSuchEntityException',
      Code: 'NoSuchEntity',
      $metadata: { httpStatusCode: 404 },
    });
    iam.on(GetAccessKeyLastUsedCommand).rejects(missing);
    s3.on(GetBucketLocationCommand).rejects(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
    );
    const result = await respondToFinding({
      finding: parsed(fx.s3ExfiltrationFinding()),
      clients: new AwsClients({ region: 'eu-west-1' }),
    });
    assert.equal(result.family, 'S3 data access');
    assert.deepEqual(
      result.steps.map((s) => [s.recommendation.playbook, s.run?.status ?? null]),
      [
        ['iam-user', null],
        ['s3-bucket', null],
      ],
    );
    assert.match(result.steps[0]?.error ?? '', /not in this account/);
    assert.match(result.steps[1]?.error ?? '', /Access Denied/);
    assert.equal(s3.commandCalls(GetBucketLocationCommand).length, 1, 'the bucket was still tried');
    assert.equal(
      iam.commandCalls(GetAccessKeyLastUsedCommand)[0]?.args[0].input.AccessKeyId,
      'AKIAI44QH8DHBEXAMPLE',
    );
  });

  it('guidance only: no AWS call at all', async () => {
    const result = await respondToFinding({
      finding: parsed(fx.kubernetesFinding()),
      clients: new AwsClients({ region: 'us-east-1' }),
    });
    assert.deepEqual(
      result.steps.map((s) => [s.recommendation.playbook, s.run, s.error]),
      [['manual', undefined, undefined]],
    );
    assert.equal(iam.calls().length + s3.calls().length, 0);
  });
});
