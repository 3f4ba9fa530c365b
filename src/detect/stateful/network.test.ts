import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsNetworkList, awsNetworksFromIpRanges, networkOf, originOf } from './network.js';

describe('where a call came from', () => {
  const aws = awsNetworkList(['44.192.0.0/10', '2600:1f00::/24', 'bad', '10.0.0.0/33']);

  it('rejects malformed CIDRs instead of throwing', () => {
    assert.deepEqual(aws.rejected, ['bad', '10.0.0.0/33']);
  });

  it('tells services, AWS-internal addresses and the internet apart', () => {
    assert.deepEqual(originOf('s3.amazonaws.com', {}), { kind: 'service', name: 's3.amazonaws.com' });
    assert.deepEqual(originOf('203.0.113.66', { invokedBy: 'athena.amazonaws.com' }), {
      kind: 'service',
      name: 'athena.amazonaws.com',
    });
    assert.deepEqual(originOf('10.1.2.3', {}), { kind: 'aws-internal', network: '10.1.2.0/24' });
    assert.deepEqual(originOf('203.0.113.66', { vpcEndpointId: 'vpce-1' }), {
      kind: 'aws-internal',
      network: 'vpce-1',
    });
    assert.deepEqual(originOf('44.192.20.180', { awsNetworks: aws.list }), {
      kind: 'aws-internal',
      network: '44.192.20.0/24',
    });
    assert.deepEqual(originOf('2600:1f18:aaaa:bbbb::1', { awsNetworks: aws.list }).kind, 'aws-internal');
    assert.deepEqual(originOf('203.0.113.66', { awsNetworks: aws.list }), {
      kind: 'internet',
      ip: '203.0.113.66',
      network: '203.0.113.0/24',
    });
    assert.equal(
      originOf('203.0.113.66\u001b[2J', {}).kind,
      'service',
      'not an address: never treated as one',
    );
    assert.equal(originOf(undefined, {}).kind, 'service');
  });

  it('groups addresses into /24 and /48 networks', () => {
    assert.equal(networkOf('198.51.100.7'), '198.51.100.0/24');
    assert.equal(networkOf('2001:DB8:1:2::5'), '2001:db8:1::/48');
  });

  it('reads the CIDRs of ip-ranges.json for the chosen services', () => {
    const document = {
      syncToken: '1',
      prefixes: [
        { ip_prefix: '3.5.140.0/22', region: 'ap-northeast-2', service: 'AMAZON' },
        { ip_prefix: '3.5.140.0/22', region: 'ap-northeast-2', service: 'S3' },
        { ip_prefix: '44.192.0.0/10', region: 'us-east-1', service: 'EC2' },
        null,
        { ip_prefix: 7, service: 'AMAZON' },
      ],
      ipv6_prefixes: [{ ipv6_prefix: '2600:1f00::/24', service: 'AMAZON' }],
    };
    assert.deepEqual(awsNetworksFromIpRanges(document), ['3.5.140.0/22', '2600:1f00::/24']);
    assert.deepEqual(awsNetworksFromIpRanges(document, ['EC2']), ['44.192.0.0/10']);
    assert.deepEqual(awsNetworksFromIpRanges('nope'), []);
    assert.deepEqual(awsNetworksFromIpRanges({ prefixes: 'x' }), []);
  });
});

describe('where a call came from, asked again', () => {
  it('gives the same answer for a known address, per list of AWS networks', () => {
    const aws = awsNetworkList(['44.192.0.0/10']).list;
    const other = awsNetworkList(['203.0.113.0/24']).list;
    for (let round = 0; round < 2; round++) {
      assert.equal(originOf('44.192.20.180', { awsNetworks: aws }).kind, 'aws-internal');
      assert.equal(originOf('44.192.20.180', {}).kind, 'internet');
      assert.equal(originOf('44.192.20.180', { awsNetworks: other }).kind, 'internet');
      assert.equal(originOf('203.0.113.9', { awsNetworks: other }).kind, 'aws-internal');
      assert.deepEqual(originOf('44.192.20.180', { vpcEndpointId: 'vpce-2', awsNetworks: aws }), {
        kind: 'aws-internal',
        network: 'vpce-2',
      });
      assert.deepEqual(originOf('s3.amazonaws.com', { awsNetworks: aws }), {
        kind: 'service',
        name: 's3.amazonaws.com',
      });
    }
  });
  it('stays right past its bound of remembered addresses', () => {
    for (let i = 0; i < 70_000; i++) originOf(`198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, {});
    assert.equal(originOf('10.9.8.7', {}).kind, 'aws-internal');
    assert.equal(originOf('198.0.0.1', {}).kind, 'internet');
  });
});
