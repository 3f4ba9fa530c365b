import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_CREDENTIALS } from '../moto.js';
import { checkLocalEndpoint, EmulatorClients } from './emulator-clients.js';

describe('demo clients', () => {
  it('accept loopback endpoints only', () => {
    for (const ok of ['http://127.0.0.1:5000', 'http://localhost:4566', 'https://[::1]:8443/'])
      assert.equal(checkLocalEndpoint(ok), ok);
    for (const bad of [
      'https://sts.amazonaws.com',
      'http://10.0.0.5:5000',
      'http://127.0.0.1.evil.example:5000',
      'file:///etc/passwd',
      'not a url',
      'http://user@example.com@127.0.0.1/',
    ])
      assert.throws(() => checkLocalEndpoint(bad), /only runs on a local emulator|not an endpoint URL/, bad);
  });

  it('always sign with the emulator credentials, also for a case, never as another role', async () => {
    const previous = process.env.AWS_PROFILE;
    process.env.AWS_PROFILE = 'some-real-profile';
    try {
      const clients = new EmulatorClients({
        endpointUrl: 'http://127.0.0.1:5000',
        region: 'eu-west-1',
        roleArn: 'arn:aws:iam::1:role/x',
      });
      for (const c of [clients, clients.forCase('case-20261127-abcd')]) {
        const creds = await c.credentials()();
        assert.equal(creds.accessKeyId, EMULATOR_CREDENTIALS.accessKeyId);
        assert.equal(c.target.endpointUrl, 'http://127.0.0.1:5000');
        assert.equal(c.target.roleArn, undefined);
        assert.ok(c.client(STSClient));
      }
      assert.equal(clients.forCase('case-20261127-abcd').target.caseId, 'case-20261127-abcd');
      assert.throws(() => clients.withRole(), /emulator account only/);
    } finally {
      if (previous === undefined) delete process.env.AWS_PROFILE;
      else process.env.AWS_PROFILE = previous;
    }
  });
});
