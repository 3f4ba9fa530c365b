import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAsff } from './asff.js';
import type { Finding } from './finding.js';
import { hit, info } from './fixtures.test-data.js';
import { FindingGrouper } from './grouping.js';
import { toOcsf } from './ocsf.js';
import { writeFindings } from './write.js';

function finding(fields: Parameters<typeof hit>[0] = {}): Finding {
  const g = new FindingGrouper(new Map([['stop', info('stop', 'critical')]]));
  g.add(hit(fields));
  g.add(hit({ ...fields, eventId: 'e-2', time: '2026-03-14T09:05:00Z' }));
  const [f] = g.findings();
  assert.ok(f);
  return f;
}

function memorySink(isTerminal = false) {
  let text = '';
  return {
    sink: {
      isTerminal,
      write: async (t: string) => {
        text += t;
      },
      close: async () => {},
    },
    text: () => text,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read nested JSON fields
type Loose = Record<string, any>;

const HOSTILE = 'evil\u001b]8;;http://x\u0007\u202e=cmd|calc';

describe('OCSF Detection Finding', () => {
  it('carries class 2004, the rule as analytic, ATT&CK, actor, resources and evidence', () => {
    const o = toOcsf(finding()) as Loose;
    assert.equal(o.class_uid, 2004);
    assert.equal(o.category_uid, 2);
    assert.equal(o.type_uid, 200401);
    assert.equal(o.activity_id, 1);
    assert.equal(o.severity_id, 5);
    assert.equal(o.metadata.version, '1.1.0');
    assert.equal(o.metadata.product.name, 'garrison');
    assert.equal(o.finding_info.analytic.uid, 'stop');
    assert.deepEqual(o.finding_info.attacks, [{ technique: { uid: 'T1562.008' } }]);
    assert.equal(o.finding_info.first_seen_time, Date.parse('2026-03-14T09:00:00Z'));
    assert.equal(o.finding_info.last_seen_time, Date.parse('2026-03-14T09:05:00Z'));
    assert.deepEqual(
      o.finding_info.related_events.map((e: { uid: string }) => e.uid),
      ['e-1', 'e-2'],
    );
    assert.equal(o.actor.user.uid, 'arn:aws:iam::111122223333:user/mallory');
    assert.equal(o.cloud.account.uid, '111122223333');
    assert.equal(o.resources[0].uid, 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main');
    assert.equal(o.src_endpoint.ip, '203.0.113.66');
    assert.equal(o.count, 2);
  });
});

describe('ASFF for Security Hub', () => {
  it('has every required field with the caller account product ARN', () => {
    const a = toAsff(finding(), {
      accountId: '999988887777',
      region: 'eu-west-1',
      now: new Date('2026-03-15T00:00:00Z'),
    }) as Loose;
    for (const key of [
      'SchemaVersion',
      'Id',
      'ProductArn',
      'GeneratorId',
      'AwsAccountId',
      'Types',
      'CreatedAt',
      'UpdatedAt',
      'Severity',
      'Title',
      'Description',
      'Resources',
    ])
      assert.ok(a[key] !== undefined, key);
    assert.equal(a.SchemaVersion, '2018-10-08');
    assert.equal(a.ProductArn, 'arn:aws:securityhub:eu-west-1:999988887777:product/999988887777/default');
    assert.equal(a.AwsAccountId, '999988887777');
    assert.equal(a.Severity.Label, 'CRITICAL');
    assert.equal(a.Resources[0].Type, 'AwsCloudTrailTrail');
    assert.equal(a.FirstObservedAt, '2026-03-14T09:00:00.000Z');
    assert.equal(a.Network.SourceIpV4, '203.0.113.66');
    assert.equal(a.CreatedAt, '2026-03-15T00:00:00.000Z');
  });
  it('falls back to the principal as resource and bounds attacker-sized text', () => {
    const long = `arn:aws:iam::111122223333:user/${'x'.repeat(3000)}`;
    const a = toAsff(finding({ resources: [], principal: long })) as Loose;
    assert.equal(a.Resources.length, 1);
    assert.ok(a.Resources[0].Id.length <= 512);
    assert.ok(a.Description.length <= 1024);
    assert.ok(Object.values(a.ProductFields as Record<string, string>).every((v) => v.length <= 1024));
  });
});

describe('writing findings', () => {
  it('json is {"findings":[...],"summary":{...}} with the documented fields', async () => {
    const out = memorySink();
    const summary = {
      findings: 1,
      by_severity: { critical: 1, high: 0, medium: 0, low: 0, informational: 0 },
      rules: 1,
      records: 2,
      matched_records: 2,
      rejected_records: 0,
      files: 1,
      window_minutes: 60,
    };
    await writeFindings(out.sink, 'json', [finding()], summary);
    const doc = JSON.parse(out.text());
    const [f] = doc.findings;
    for (const key of [
      'id',
      'rule',
      'severity',
      'principal',
      'resources',
      'source_ips',
      'first_seen',
      'last_seen',
      'count',
      'event_ids',
    ])
      assert.ok(key in f, key);
    assert.deepEqual(Object.keys(f.rule), ['id', 'title', 'severity', 'mitre', 'stratus', 'guardduty']);
    assert.equal(doc.summary.findings, 1);
  });
  it('asff is the BatchImportFindings input and ocsf a JSON array', async () => {
    const a = memorySink();
    await writeFindings(a.sink, 'asff', [finding()], {} as never);
    assert.equal(JSON.parse(a.text()).Findings.length, 1);
    const o = memorySink();
    await writeFindings(o.sink, 'ocsf', [finding(), finding()], {} as never);
    assert.equal(JSON.parse(o.text()).length, 2);
    const empty = memorySink();
    await writeFindings(empty.sink, 'ocsf', [], {} as never);
    assert.deepEqual(JSON.parse(empty.text()), []);
  });
  it('neutralises attacker text in the table and CSV (terminal escapes, formula injection)', async () => {
    const hostile = finding({ principal: HOSTILE, sourceIp: '=HYPERLINK("http://x")' });
    const table = memorySink(true);
    await writeFindings(table.sink, 'table', [hostile], {} as never);
    assert.ok(
      !table.text().includes('\u001b') &&
        !table.text().includes('\u202e') &&
        !table.text().includes('\u0007'),
    );
    const csv = memorySink();
    await writeFindings(csv.sink, 'csv', [hostile], {} as never);
    assert.ok(!csv.text().includes('\u001b'));
    assert.ok(!/(^|,)"?=HYPERLINK/m.test(csv.text()), csv.text());
    const json = memorySink();
    await writeFindings(json.sink, 'json', [hostile], {} as never);
    assert.ok(!json.text().includes('\u202e'));
    assert.equal(JSON.parse(json.text()).findings[0].principal, HOSTILE, 'JSON keeps the value exactly');
  });
});
