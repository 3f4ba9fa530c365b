import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRecord } from '../../trail/record.js';
import { BackgroundActivity } from './background.js';
import type { TrailEvent } from './event.js';
import { outOfOrderField } from './event.js';
import { buildOrganisation } from './organisation.js';
import { Prng } from './prng.js';

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1'];
const START = Date.parse('2026-11-19T08:00:00Z');

function sample(seed: string, n: number): TrailEvent[] {
  const p = new Prng(seed);
  const background = new BackgroundActivity(p.fork('bg'), buildOrganisation(p.fork('org'), ACCOUNT, REGIONS));
  return Array.from({ length: n }, (_, i) => background.record(REGIONS[i % 2] as string, START + i * 1500));
}

describe('background activity', () => {
  const records = sample('background-test', 4000);
  const texts = records.map((r) => JSON.stringify(r));

  it('is valid CloudTrail, in the service field order, starting with eventVersion', () => {
    for (const [i, record] of records.entries()) {
      const check = checkRecord(JSON.parse(texts[i] as string));
      assert.ok(check.ok, check.ok ? '' : `${check.reason} in ${texts[i]}`);
      assert.equal(outOfOrderField(record), undefined, `field order of ${texts[i]}`);
      assert.ok(texts[i]?.startsWith('{"eventVersion":"1.'), 'starts with eventVersion');
    }
  });

  it('averages about 1.4 KB a record, with real spread', () => {
    const sizes = texts.map((t) => Buffer.byteLength(t));
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    assert.ok(mean > 1250 && mean < 1600, `mean record size ${mean.toFixed(0)} bytes`);
    assert.ok(Math.min(...sizes) < 1200 && Math.max(...sizes) > 1900, 'sizes vary like real records');
  });

  it('is mostly reads, with some writes, data events, denials and console sign-ins', () => {
    const share = (test: (r: TrailEvent) => boolean) => records.filter(test).length / records.length;
    assert.ok(share((r) => r.readOnly === true) > 0.6, 'reads dominate');
    assert.ok(share((r) => r.readOnly === false) > 0.05, 'some writes');
    assert.ok(
      share((r) => r.managementEvent === false && r.eventCategory === 'Data') > 0.02,
      'S3 data events',
    );
    const denied = share(
      (r) =>
        r.errorCode === 'AccessDenied' ||
        r.errorCode === 'Client.UnauthorizedOperation' ||
        r.errorCode === 'AccessDeniedException',
    );
    assert.ok(denied > 0.002 && denied < 0.05, `denied share ${denied}`);
    const logins = records.filter((r) => r.eventName === 'ConsoleLogin' && r.errorCode === undefined);
    assert.ok(logins.length > 0);
    for (const login of logins) {
      assert.equal(login.eventType, 'AwsConsoleSignIn');
      assert.equal((login.additionalEventData as Record<string, unknown>).MFAUsed, 'Yes');
    }
    assert.ok(records.some((r) => /^(Describe|List|Get)/.test(String(r.eventName))));
  });

  it('has every kind of identity, with fake but well-formed keys', () => {
    const types = new Set(records.map((r) => (r.userIdentity as Record<string, unknown>).type));
    for (const t of ['IAMUser', 'AssumedRole', 'AWSService', 'WebIdentityUser'])
      assert.ok(types.has(t), `has ${t}`);
    for (const r of records) {
      const key = (r.userIdentity as Record<string, unknown>).accessKeyId;
      if (key !== undefined) assert.match(String(key), /^A[SK]IA[A-Z2-7]{9}EXAMPLE$/);
    }
  });

  it('names EC2 instance role sessions after their instances, and EC2 delivers their credentials', () => {
    const sessions = records.filter(
      (r) =>
        (r.userIdentity as { sessionContext?: { ec2RoleDelivery?: string } }).sessionContext
          ?.ec2RoleDelivery === '2.0',
    );
    assert.ok(sessions.length > 100);
    for (const r of sessions)
      assert.match(String((r.userIdentity as { arn: string }).arn), /assumed-role\/[\w-]+\/i-0[0-9a-f]{16}$/);
    const delivery = records.find(
      (r) => r.eventName === 'AssumeRole' && r.sourceIPAddress === 'ec2.amazonaws.com',
    );
    assert.ok(delivery);
    assert.match(
      String((delivery.requestParameters as Record<string, unknown>).roleSessionName),
      /^i-0[0-9a-f]{16}$/,
    );
  });

  it('logs IAM in us-east-1 only and everything else in the region asked', () => {
    for (const [i, r] of records.entries()) {
      if (r.eventSource === 'iam.amazonaws.com') assert.equal(r.awsRegion, 'us-east-1');
      else assert.equal(r.awsRegion, REGIONS[i % 2]);
    }
  });

  it('is the same for the same seed and different for another', () => {
    assert.deepEqual(
      sample('background-test', 300).map((r) => JSON.stringify(r)),
      texts.slice(0, 300),
    );
    assert.notDeepEqual(
      sample('other-seed', 300).map((r) => JSON.stringify(r)),
      texts.slice(0, 300),
    );
  });
});
