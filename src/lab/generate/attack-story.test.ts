import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRecord } from '../../trail/record.js';
import { attackStory } from './attack-story.js';
import { STORY_PARAMS } from './attack-story.test-data.js';
import { outOfOrderField, type TrailEvent } from './event.js';

const PARAMS = STORY_PARAMS;

type Who = { type?: string; arn?: string; accessKeyId?: string; userName?: string };
const who = (r: TrailEvent) => r.userIdentity as Who;
const req = (r: TrailEvent) => (r.requestParameters ?? {}) as Record<string, unknown>;

describe('attackStory', () => {
  const { records, groundTruth: truth } = attackStory(PARAMS);
  const malicious = new Set(truth.maliciousEventIds);
  const bad = records.filter((r) => malicious.has(String(r.eventID)));
  const named = (name: string) => bad.filter((r) => r.eventName === name);

  it('returns valid CloudTrail records in time order, in the service field order', () => {
    for (const r of records) {
      const check = checkRecord(JSON.parse(JSON.stringify(r)));
      assert.ok(check.ok, check.ok ? '' : check.reason);
      assert.equal(outOfOrderField(r), undefined);
    }
    const times = records.map((r) => String(r.eventTime));
    assert.deepEqual(times, [...times].sort());
  });

  it('gives ground truth: the malicious ids, the first malicious time, the benign prelude', () => {
    assert.equal(truth.firstMaliciousTime, '2026-11-19T14:07:00Z');
    assert.equal(bad[0]?.eventTime, truth.firstMaliciousTime);
    assert.equal(bad[0]?.eventName, 'GetCallerIdentity');
    assert.equal(bad.at(-1)?.eventTime, truth.lastMaliciousTime);
    assert.equal(malicious.size, truth.maliciousEventIds.length, 'ids are unique');
    assert.equal(bad.length, malicious.size, 'every malicious id is a record');
    const benign = records.filter((r) => !malicious.has(String(r.eventID)));
    assert.deepEqual(
      benign.map((r) => r.eventName),
      ['AssumeRole', ...Array(5).fill('GetObject')],
    );
    assert.equal(benign.filter((r) => String(r.eventTime) < truth.firstMaliciousTime).length, 3);
    // The instance goes on using its credentials from its own address while the attacker uses them too.
    const during = benign.filter((r) => String(r.eventTime) > truth.firstMaliciousTime);
    assert.equal(during.length, 3);
    for (const r of during) {
      assert.notEqual(r.sourceIPAddress, PARAMS.attackerIp);
      assert.equal(who(r).accessKeyId, truth.stolenAccessKeyId);
    }
    assert.equal(new Set(records.map((r) => r.eventID)).size, records.length);
  });

  it('uses the instance role credentials EC2 delivered, from outside AWS, with a Kali AWS CLI', () => {
    const delivery = records[0] as TrailEvent;
    assert.equal(delivery.eventName, 'AssumeRole');
    assert.deepEqual(who(delivery), { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' });
    assert.equal(req(delivery).roleSessionName, PARAMS.instanceId);
    const creds = (delivery.responseElements as { credentials: { accessKeyId: string } }).credentials;
    assert.equal(creds.accessKeyId, truth.stolenAccessKeyId);
    assert.match(truth.stolenAccessKeyId, /^ASIA[A-Z2-7]{9}EXAMPLE$/);
    const stolen = bad.filter((r) => who(r).type === 'AssumedRole');
    assert.ok(stolen.length >= 25);
    for (const r of stolen) {
      assert.equal(who(r).accessKeyId, truth.stolenAccessKeyId);
      assert.equal(who(r).arn, `arn:aws:sts::444455556666:assumed-role/shop-web-role/${PARAMS.instanceId}`);
    }
    for (const r of bad) {
      assert.equal(r.sourceIPAddress, '203.0.113.99');
      assert.match(String(r.userAgent), r.eventName === 'ConsoleLogin' ? /X11; Linux/ : /kali/);
    }
  });

  it('enumerates with a burst of denied calls', () => {
    const denied = bad.filter((r) => r.errorCode !== undefined);
    assert.ok(denied.length >= 8, `${denied.length} denied`);
    for (const r of denied) {
      assert.match(String(r.errorCode), /AccessDenied|UnauthorizedOperation/);
      assert.equal(r.responseElements, null);
      assert.ok(String(r.eventTime) < '2026-11-19T14:10:00Z');
    }
    assert.ok(named('ListBuckets').length === 1 && named('DescribeInstances').length >= 1);
  });

  it('lists and copies the data bucket as S3 data events', () => {
    const gets = named('GetObject');
    assert.equal(gets.length, 12);
    for (const r of [...gets, ...named('ListObjects')]) {
      assert.equal(req(r).bucketName, 'shop-customer-data');
      assert.equal(r.managementEvent, false);
      assert.equal(r.eventCategory, 'Data');
      assert.match(String(r.userAgent), /^\[aws-cli\/2/);
    }
    for (const r of gets)
      assert.ok(Number((r.additionalEventData as Record<string, unknown>).bytesTransferredOut) > 1_000_000);
  });

  it('plants a backdoor administrator whose key is used afterwards', () => {
    for (const name of ['CreateUser', 'CreateAccessKey', 'AttachUserPolicy', 'CreateLoginProfile']) {
      const [r] = named(name);
      assert.ok(r, name);
      assert.equal(req(r).userName, 'svc-monitoring');
      assert.equal(r.awsRegion, 'us-east-1', 'IAM logs in us-east-1');
    }
    assert.equal(
      req(named('AttachUserPolicy')[0] as TrailEvent).policyArn,
      'arn:aws:iam::aws:policy/AdministratorAccess',
    );
    const key = named('CreateAccessKey')[0] as TrailEvent;
    assert.equal(
      (key.responseElements as { accessKey: { accessKeyId: string } }).accessKey.accessKeyId,
      truth.backdoorAccessKeyId,
    );
    const usedAfter = bad.filter((r) => who(r).accessKeyId === truth.backdoorAccessKeyId);
    assert.ok(usedAfter.length >= 5);
    for (const r of usedAfter) assert.ok(String(r.eventTime) > String(key.eventTime));
    const login = named('ConsoleLogin')[0] as TrailEvent;
    assert.equal((login.additionalEventData as Record<string, unknown>).MFAUsed, 'No');
    assert.equal(who(login).userName, 'svc-monitoring');
  });

  it('blinds CloudTrail and GuardDuty and opens the bucket, on the resources named', () => {
    assert.equal(
      req(named('StopLogging')[0] as TrailEvent).name,
      'arn:aws:cloudtrail:eu-west-1:444455556666:trail/main-trail',
    );
    assert.equal(req(named('DeleteDetector')[0] as TrailEvent).detectorId, PARAMS.detectorId);
    assert.equal(named('DeleteDetector')[0]?.errorCode, undefined);
    assert.equal(
      req(named('DeleteBucketPublicAccessBlock')[0] as TrailEvent).bucketName,
      'shop-customer-data',
    );
    const policy = req(named('PutBucketPolicy')[0] as TrailEvent).bucketPolicy as {
      Statement: Array<{ Principal: unknown }>;
    };
    assert.equal(policy.Statement[0]?.Principal, '*');
    for (const r of bad)
      if (r.eventSource !== 'iam.amazonaws.com' && r.eventName !== 'ConsoleLogin')
        assert.equal(r.awsRegion, 'eu-west-1');
  });

  it('is deterministic, and the seed changes the ids', () => {
    assert.deepEqual(JSON.stringify(attackStory(PARAMS)), JSON.stringify({ records, groundTruth: truth }));
    assert.notEqual(
      attackStory({ ...PARAMS, seed: 'other' }).groundTruth.maliciousEventIds[0],
      truth.maliciousEventIds[0],
    );
  });

  it('carries hostile names through as data, and refuses a start that is not a time', () => {
    const hostile = 'x"\n\u001b]0;pwn\u0007=HYPERLINK("http://evil")<img src=x>';
    const story = attackStory({
      ...PARAMS,
      backdoorUserName: hostile,
      dataBucket: 'b"</script>',
      attackerUserAgent: hostile,
    });
    const text = story.records.map((r) => JSON.stringify(r)).join('\n');
    assert.equal(text.split('\n').length, story.records.length, 'no raw newline escapes a record');
    const created = story.records.find((r) => r.eventName === 'CreateUser') as TrailEvent;
    assert.equal(req(JSON.parse(JSON.stringify(created))).userName, hostile);
    assert.equal(story.groundTruth.backdoorUserName, hostile);
    const calls = story.records.filter(
      (r) => r.sourceIPAddress === PARAMS.attackerIp && r.eventName !== 'ConsoleLogin',
    );
    for (const r of calls)
      assert.ok(String(r.userAgent).includes(hostile), 'the attacker user agent is used as given');
    assert.throws(() => attackStory({ ...PARAMS, start: 'yesterday-ish' }), RangeError);
  });
});
