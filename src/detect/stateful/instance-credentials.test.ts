import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudTrailRecord } from '../../trail/record.js';
import { apiCall } from '../rules/sample-events.js';
import { instanceCredentialsUsedOutsideAws as detection } from './instance-credentials.js';

const at = (minute: number) => `2026-03-14T10:${String(minute).padStart(2, '0')}:00Z`;
const instanceCall = (
  minute: number,
  sourceIPAddress: string,
  extra: Record<string, unknown> = {},
): CloudTrailRecord =>
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    actor: 'instance',
    eventTime: at(minute),
    sourceIPAddress,
    extra,
  });

function run(records: CloudTrailRecord[], options = {}) {
  const detector = detection.create(options);
  return { hits: records.flatMap((r) => detector.observe(r)), detector };
}

describe(detection.meta.id, () => {
  it('fires on an address outside the AWS ranges, when they are supplied', () => {
    const options = { awsNetworks: ['44.192.0.0/10'] };
    const { hits } = run([instanceCall(0, '44.192.20.180'), instanceCall(5, '203.0.113.66')], options);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.rules[0], detection.meta.id);
    assert.equal(hits[0]?.sourceIp, '203.0.113.66');
    assert.match(
      hits[0]?.summary ?? '',
      /i-0a1b2c3d4e5f67890 used from 203\.0\.113\.66, outside the AWS ranges/,
    );
  });

  it('without AWS ranges, leaves the instance alone on its own public address', () => {
    const own = Array.from({ length: 20 }, (_, i) => instanceCall(i, '44.192.20.180'));
    assert.deepEqual(run(own).hits, []);
  });

  it('fires on every call from a second network while the first still uses the credentials', () => {
    const records = [
      instanceCall(0, '44.192.20.180'),
      instanceCall(10, '203.0.113.66'),
      instanceCall(11, '203.0.113.67'),
      instanceCall(12, '44.192.20.180'),
    ];
    const { hits } = run(records);
    assert.deepEqual(
      hits.map((h) => h.sourceIp),
      ['203.0.113.66', '203.0.113.67'],
    );
    assert.match(
      hits[0]?.summary ?? '',
      /used from 203\.0\.113\.66 while also in use from 44\.192\.20\.0\/24/,
    );
    assert.equal(hits[0]?.related.length, 1);
  });

  it('fires on a client that does not run on an instance, even with nothing else seen', () => {
    const mac = instanceCall(0, '1.2.3.4');
    mac.userAgent = '[aws-cli/1.18.136 Python/3.8.5 Darwin/19.5.0 botocore/1.17.59]';
    const kali = instanceCall(1, '203.0.113.66');
    kali.userAgent = 'aws-cli/2.15.30 ua/2.0 os/linux#6.11.2-kali1-amd64';
    const { hits } = run([mac, kali]);
    assert.deepEqual(
      hits.map((h) => h.summary.replace(/.* by a (\w+) client.*/, '$1')),
      ['darwin', 'kali'],
    );
  });

  it('fires on two AWS networks at once (InsideAWS)', () => {
    const options = { awsNetworks: ['3.80.0.0/12', 'not-a-cidr'] };
    const { hits } = run(
      [instanceCall(0, '3.85.10.20'), instanceCall(10, '3.90.44.7'), instanceCall(11, '3.85.10.21')],
      options,
    );
    assert.equal(hits.length, 1, 'the second network fires, the first network again does not');
    assert.match(
      hits[0]?.summary ?? '',
      /used from 3\.90\.44\.0\/24 while also in use from 3\.85\.10\.0\/24/,
    );
  });

  it('stays silent for the instance itself, services acting for it and other principals', () => {
    const { hits } = run([
      instanceCall(0, '10.0.1.15'),
      instanceCall(1, '10.0.1.15'),
      instanceCall(2, 's3.amazonaws.com'),
      instanceCall(3, 'AWS Internal'),
      instanceCall(4, '203.0.113.66', {
        userIdentity: {
          ...apiCall({ eventSource: 'x', eventName: 'y', actor: 'instance' }).userIdentity,
          invokedBy: 'athena.amazonaws.com',
        },
      }),
      apiCall({
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        actor: 'admin-role',
        sourceIPAddress: '203.0.113.66',
      }),
      apiCall({
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        actor: 'user',
        sourceIPAddress: '203.0.113.66',
      }),
    ]);
    assert.deepEqual(hits, []);
  });

  it('forgets a network after the credential lifetime, so a later move is not "at once"', () => {
    const options = { awsNetworks: ['3.80.0.0/12'] };
    const records = [
      instanceCall(0, '3.85.10.20'),
      { ...instanceCall(0, '3.90.44.7'), eventTime: '2026-03-14T17:00:00Z' },
    ];
    assert.deepEqual(run(records, options).hits, []);
  });

  it('ignores hostile session names and source addresses', () => {
    const hostile = instanceCall(0, '203.0.113.66\u001b[2J');
    const notInstance = apiCall({
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      actor: 'instance',
      sourceIPAddress: '203.0.113.66',
    });
    notInstance.userIdentity = {
      ...notInstance.userIdentity,
      arn: 'arn:aws:sts::111122223333:assumed-role/r/i-zzzz',
      principalId: 'AROA:i-zzzz',
    };
    assert.deepEqual(run([hostile, notInstance]).hits, []);
  });

  it('holds at most maxKeys sessions', () => {
    const detector = detection.create({ maxKeys: 50 });
    for (let i = 0; i < 500; i++) {
      const record = instanceCall(0, '10.0.1.15');
      record.userIdentity = { ...record.userIdentity, accessKeyId: `ASIA${i}` };
      detector.observe(record);
    }
    assert.equal(detector.size(), 50);
  });
});
