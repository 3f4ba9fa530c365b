import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsClients } from './clients.js';

describe('AwsClients configuration', () => {
  it('carries garrison and the case id in the user agent', () => {
    const clients = new AwsClients({ region: 'eu-west-1', caseId: 'case-7' });
    const agent = clients.userAgent().map(([name, value]) => `${name}/${value}`);
    assert.match(agent[0] ?? '', /^garrison\/\d+\.\d+\.\d+/);
    assert.deepEqual(agent[1], 'case/case-7');
  });
  it('uses adaptive retries and the endpoint override with path-style S3', () => {
    const config = new AwsClients({ endpointUrl: 'http://127.0.0.1:5000' }).clientConfig('us-west-2');
    assert.equal(config.retryMode, 'adaptive');
    assert.equal(config.endpoint, 'http://127.0.0.1:5000');
    assert.equal(config.forcePathStyle, true);
    assert.equal(config.region, 'us-west-2');
  });
  it('reuses one client per service and region', async () => {
    const { S3Client } = await import('@aws-sdk/client-s3');
    const clients = new AwsClients({ region: 'us-east-1' });
    assert.equal(clients.client(S3Client), clients.client(S3Client, 'us-east-1'));
    assert.notEqual(clients.client(S3Client), clients.client(S3Client, 'eu-west-1'));
  });
});
