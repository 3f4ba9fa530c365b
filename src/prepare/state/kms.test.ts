import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSServiceException,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../aws/clients.js';
import { keyRegion, keyUnusable, readTrailKey } from './kms.js';
import { observe } from './observe.js';

const ARN = 'arn:aws:kms:eu-west-1:111122223333:key/k';
const failure = (name: string) =>
  new KMSServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message: name });

describe('reading a trail key', () => {
  const kms = mockClient(KMSClient);
  const clients = new AwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' });
  afterEach(() => kms.reset());

  it('reads state, policy and rotation, in the region its ARN names', async () => {
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: ARN, KeyState: 'Enabled' } });
    kms.on(GetKeyPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
    const key = await readTrailKey(clients, ARN, 'us-east-1');
    assert.deepEqual(key, {
      keyId: ARN,
      found: true,
      arn: ARN,
      keyState: 'Enabled',
      rotation: false,
      policy: '{"Statement":[]}',
    });
    assert.equal(keyRegion(ARN, 'us-east-1'), 'eu-west-1');
    assert.equal(keyRegion('alias/garrison-cloudtrail', 'us-east-1'), 'us-east-1');
  });

  it('a key that does not exist is an answer, not a failure', async () => {
    kms.on(DescribeKeyCommand).rejects(failure('NotFoundException'));
    const key = await readTrailKey(clients, 'alias/garrison-cloudtrail', 'us-east-1');
    assert.deepEqual(key, { keyId: 'alias/garrison-cloudtrail', found: false });
    assert.match(keyUnusable(key) ?? '', /does not exist: CloudTrail cannot deliver/);
  });

  it("another account's key: described, its policy unreadable and said so", async () => {
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: ARN, KeyState: 'Enabled' } });
    kms.on(GetKeyPolicyCommand).rejects(failure('AccessDeniedException'));
    kms.on(GetKeyRotationStatusCommand).rejects(failure('AccessDeniedException'));
    const key = await readTrailKey(clients, ARN, 'us-east-1');
    assert.equal(key.policy, undefined);
    assert.match(key.policyUnreadable ?? '', /kms:GetKeyPolicy: access denied/);
  });

  it('any other failure becomes an error observation; a disabled key is unusable', async () => {
    kms.on(DescribeKeyCommand).rejects(failure('KMSInternalException'));
    const observed = await observe('kms:DescribeKey', () => readTrailKey(clients, ARN, 'us-east-1'));
    assert.equal(observed.ok, false);
    assert.match(observed.ok ? '' : observed.error, /KMSInternalException/);
    assert.match(
      keyUnusable({ keyId: ARN, found: true, keyState: 'PendingDeletion' }) ?? '',
      /PendingDeletion/,
    );
    assert.equal(keyUnusable({ keyId: ARN, found: true, keyState: 'Enabled' }), undefined);
  });
});
