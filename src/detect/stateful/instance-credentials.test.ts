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
  it('fires when instance credentials are used from an internet address outside AWS', () => {
    const { hits } = run([
      instanceCall(0, '10.0.1.15', { vpcEndpointId: 'vpce-0a1b2c3d' }),
      instanceCall(5, '203.0.113.66'),
    ]);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.rules[0], detection.meta.id);
    assert.equal(hits[0]?.sourceIp, '203.0.113.66');
    assert.match(hits[0]?.summary ?? '', /i-0a1b2c3d4e5f67890 used from 203\.0\.113\.66, outside AWS/);
  });

  it('fires on two AWS networks at once when AWS ranges are supplied (InsideAWS)', () => {
    const options = { awsNetworks: ['3.80.0.0/12', 'not-a-cidr'] };
    const { hits } = run(
      [instanceCall(0, '3.85.10.20'), instanceCall(10, '3.90.44.7'), instanceCall(11, '3.90.44.8')],
      options,
    );
    assert.equal(hits.length, 1, 'the second network fires once, the same /24 again does not');
    assert.match(hits[0]?.summary ?? '', /3\.90\.44\.0\/24 while also in use from 3\.85\.10\.0\/24/);
    assert.equal(hits[0]?.related.length, 1);
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
