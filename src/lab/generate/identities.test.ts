import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiHost, trailEvent } from './event.js';
import {
  accessKeyId,
  assumedRole,
  awsService,
  iamDate,
  iamUser,
  rootUser,
  ssoSession,
  trailTime,
} from './identities.js';
import { Prng } from './prng.js';

const ACCOUNT = '111122223333';

describe('identities', () => {
  it('makes well-formed, obviously fake access key ids', () => {
    const p = new Prng(1);
    assert.match(accessKeyId(p, 'AKIA'), /^AKIA[A-Z2-7]{9}EXAMPLE$/);
    assert.match(accessKeyId(p, 'ASIA'), /^ASIA[A-Z2-7]{9}EXAMPLE$/);
  });

  it('names an EC2 instance role session after the instance and marks it as delivered by EC2', () => {
    const who = assumedRole({
      account: ACCOUNT,
      roleName: 'web',
      roleId: 'AROAEXAMPLEEXAMPLE01',
      sessionName: 'i-0123456789abcdef0',
      accessKeyId: 'ASIAAAAAAAAAAEXAMPLE',
      creationMs: 0,
      ec2: true,
    });
    assert.equal(who.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/web/i-0123456789abcdef0`);
    assert.equal(who.principalId, 'AROAEXAMPLEEXAMPLE01:i-0123456789abcdef0');
    const context = who.sessionContext as Record<string, unknown>;
    assert.equal(context.ec2RoleDelivery, '2.0');
    assert.deepEqual(Object.keys(who), [
      'type',
      'principalId',
      'arn',
      'accountId',
      'accessKeyId',
      'sessionContext',
    ]);
    assert.deepEqual(
      (context.sessionIssuer as Record<string, unknown>).arn,
      `arn:aws:iam::${ACCOUNT}:role/web`,
    );
  });

  it('puts SSO roles under their reserved path and names the session after the person', () => {
    const who = ssoSession({
      account: ACCOUNT,
      permissionSet: 'ReadOnlyAccess',
      roleSuffix: '0123456789abcdef',
      roleId: 'AROAX',
      ssoRegion: 'eu-west-1',
      user: 'dana@example.com',
      accessKeyId: 'ASIAX',
      creationMs: 0,
    });
    assert.equal(
      who.arn,
      `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_ReadOnlyAccess_0123456789abcdef/dana@example.com`,
    );
    const issuer = (who.sessionContext as { sessionIssuer: { arn: string } }).sessionIssuer;
    assert.equal(
      issuer.arn,
      `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnlyAccess_0123456789abcdef`,
    );
  });

  it('writes IAM users, root and AWS services as CloudTrail does', () => {
    assert.deepEqual(
      Object.keys(iamUser({ account: ACCOUNT, userName: 'bob', userId: 'AIDAX', accessKeyId: 'AKIAX' })),
      ['type', 'principalId', 'arn', 'accountId', 'accessKeyId', 'userName'],
    );
    assert.equal(rootUser(ACCOUNT).arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(rootUser(ACCOUNT).principalId, ACCOUNT);
    assert.deepEqual(awsService('ec2.amazonaws.com'), { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' });
  });

  it('formats times as CloudTrail and IAM do', () => {
    assert.equal(trailTime(Date.parse('2026-11-19T14:07:09.999Z')), '2026-11-19T14:07:09Z');
    assert.equal(trailTime(Date.parse('2026-12-31T23:59:59Z')), '2026-12-31T23:59:59Z');
    assert.equal(trailTime(Date.parse('2027-01-01T00:00:00Z')), '2027-01-01T00:00:00Z');
    assert.equal(iamDate(Date.parse('2020-09-14T07:01:26Z')), 'Sep 14, 2020, 7:01:26 AM');
    assert.equal(iamDate(Date.parse('2026-11-27T00:05:00Z')), 'Nov 27, 2026, 12:05:00 AM');
    assert.equal(iamDate(Date.parse('2026-11-27T18:02:11Z')), 'Nov 27, 2026, 6:02:11 PM');
  });

  it('names the API host a client reaches', () => {
    assert.equal(apiHost('iam.amazonaws.com', 'eu-west-1'), 'iam.amazonaws.com');
    assert.equal(apiHost('ec2.amazonaws.com', 'eu-west-1'), 'ec2.eu-west-1.amazonaws.com');
    assert.equal(apiHost('sts.amazonaws.com', 'us-east-1'), 'sts.amazonaws.com');
  });

  it('keeps attacker-controlled text intact and the record valid JSON', () => {
    const hostile = "evil\"\n\u001b[31m<script>alert(1)</script>=cmd|' /C calc'!A0";
    const record = trailEvent({
      identity: iamUser({ account: ACCOUNT, userName: hostile, userId: 'AIDAX' }),
      timeMs: 0,
      source: 'iam.amazonaws.com',
      name: 'CreateUser',
      region: 'us-east-1',
      ip: '203.0.113.9',
      userAgent: hostile,
      request: { userName: hostile },
      requestId: 'r',
      eventId: 'e',
      account: ACCOUNT,
    });
    const back = JSON.parse(JSON.stringify(record));
    assert.equal(back.userAgent, hostile);
    assert.equal(back.userIdentity.userName, hostile);
    assert.equal(back.requestParameters.userName, hostile);
  });
});
