import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiCall, CLI_AGENT, OFFICE_IP } from '../rules/sample-events.js';
import { agentFamily, firstUseThenSensitiveCall as detection } from './first-use.js';

const at = (minute: number) => `2026-03-14T13:${String(minute).padStart(2, '0')}:00Z`;
const call = (minute: number, eventName: string, sourceIPAddress = OFFICE_IP, userAgent = CLI_AGENT) =>
  apiCall({ eventSource: 'iam.amazonaws.com', eventName, eventTime: at(minute), sourceIPAddress, userAgent });
const baseline = [call(0, 'ListUsers'), call(1, 'GetUser'), call(2, 'ListRoles')];

describe(detection.meta.id, () => {
  it('blurs version numbers in user agents and ignores AWS service agents', () => {
    assert.equal(agentFamily('aws-cli/2.15.30 Python/3.11.8'), agentFamily('aws-cli/2.16.1 Python/3.12.0'));
    assert.equal(agentFamily('console.amazonaws.com'), undefined);
    assert.equal(agentFamily('AWS Internal'), undefined);
  });

  it('fires when a new IP appears and then makes a sensitive call', () => {
    const detector = detection.create();
    const records = [
      ...baseline,
      call(10, 'GetUser', '203.0.113.66'),
      call(12, 'CreateAccessKey', '203.0.113.66'),
    ];
    const hits = records.flatMap((r) => detector.observe(r));
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.eventName, 'CreateAccessKey');
    assert.match(
      hits[0]?.summary ?? '',
      /CreateAccessKey from ip 203\.0\.113\.66, first used by this principal 2 min earlier/,
    );
    assert.equal(hits[0]?.related.length, 1);
  });

  it('fires on a new user agent family (a pentest distribution, another SDK)', () => {
    const detector = detection.create();
    const boto = 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.5.0-kali3-amd64';
    const hits = [...baseline, call(20, 'StopLogging', OFFICE_IP, boto)].flatMap((r) => detector.observe(r));
    assert.equal(hits.length, 1);
    assert.match(hits[0]?.summary ?? '', /user agent Boto#/);
  });

  it('stays silent without a baseline, for familiar places, for harmless calls and after the follow-up hour', () => {
    const detector = detection.create();
    const records = [
      call(0, 'CreateAccessKey', '203.0.113.9'),
      call(1, 'ListUsers'),
      call(2, 'ListUsers'),
      call(3, 'ListUsers'),
      call(4, 'CreateAccessKey'),
      call(5, 'ListGroups', '198.51.100.99'),
      { ...call(0, 'CreateAccessKey', '198.51.100.99'), eventTime: '2026-03-14T15:30:00Z' },
    ];
    assert.deepEqual(
      records.flatMap((r) => detector.observe(r)),
      [],
    );
  });

  it('holds at most maxKeys principals', () => {
    const detector = detection.create({ maxKeys: 20 });
    for (let i = 0; i < 300; i++) {
      const r = call(0, 'ListUsers');
      r.userIdentity = { ...r.userIdentity, arn: `arn:aws:iam::111122223333:user/u${i}` };
      detector.observe(r);
    }
    assert.equal(detector.size(), 20);
  });
});
