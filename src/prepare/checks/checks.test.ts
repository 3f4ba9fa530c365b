import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { evaluateReadiness } from '../audit.js';
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE } from '../cis/patterns.js';
import type { LogMonitoringState } from '../state/log-monitoring.js';
import type { AccountSnapshot } from '../state/snapshot.js';
import type { TrailState } from '../state/trails.js';
import { defineCheck } from './define.js';
import { READINESS_CHECKS } from './index.js';

const GROUP = 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';

function trail(overrides: Partial<TrailState> = {}): TrailState {
  return {
    name: 'management',
    arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management',
    homeRegion: 'us-east-1',
    multiRegion: true,
    organizationTrail: false,
    logging: true,
    logFileValidation: true,
    kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k',
    bucketName: 'trail-logs',
    logGroupArn: GROUP,
    logsRoleArn: 'arn:aws:iam::111122223333:role/trail-to-logs',
    managementEvents: 'All',
    s3DataEvents: true,
    lambdaDataEvents: true,
    ...overrides,
  };
}

function monitoring(): LogMonitoringState {
  return {
    region: 'us-east-1',
    logGroupName: 'trail',
    filters: CIS_METRIC_FILTERS.map((f) => ({
      name: f.metricName,
      pattern: f.pattern,
      metrics: [{ namespace: CIS_METRIC_NAMESPACE, name: f.metricName }],
    })),
    alarms: CIS_METRIC_FILTERS.map((f) => ({
      name: `cis-${f.id}`,
      namespace: CIS_METRIC_NAMESPACE,
      metricName: f.metricName,
      actionsEnabled: true,
      actions: [TOPIC],
    })),
    topicSubscriptions: { [TOPIC]: 1 },
  };
}

/** A snapshot of an account where every check passes. */
function prepared(): AccountSnapshot {
  const regions = ['us-east-1', 'eu-west-1'];
  const perRegion = <T>(value: () => T) =>
    Object.fromEntries(regions.map((r) => [r, { ok: true as const, value: value() }]));
  return {
    accountId: '111122223333',
    regions,
    organization: { ok: true, value: { member: false } },
    trails: { ok: true, value: [trail()] },
    trailBuckets: {
      'trail-logs': { exposure: { ok: true, value: [] }, accessLogsTo: { ok: true, value: 'access-logs' } },
    },
    logMonitoring: { [GROUP]: { ok: true, value: monitoring() } },
    trailKeys: {
      'arn:aws:kms:us-east-1:111122223333:key/k': {
        ok: true,
        value: {
          keyId: 'arn:aws:kms:us-east-1:111122223333:key/k',
          found: true,
          keyState: 'Enabled',
          policy: JSON.stringify({
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'cloudtrail.amazonaws.com' },
                Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
                Resource: '*',
              },
            ],
          }),
        },
      },
    },
    guardDuty: perRegion(() => ({
      detectors: [{ id: 'd1', enabled: true }],
      publishingDestinations: 0,
      findingRoutes: [{ rule: 'gd', targets: [TOPIC] }],
    })),
    isolation: perRegion(() => ({
      vpcs: [{ vpcId: 'vpc-1', isolationGroups: ['sg-1'] }],
      canCreateIsolationGroup: undefined,
    })),
    ebsEncryptionByDefault: perRegion(() => true),
    evidenceBuckets: {
      ok: true,
      value: [{ name: 'forensics', versioning: true, objectLock: true, retention: 'COMPLIANCE 365 days' }],
    },
    responderRoles: { ok: true, value: ['arn:aws:iam::111122223333:role/incident-responder'] },
    scope: {},
  };
}

function statusOf(snapshot: AccountSnapshot, id: string, region?: string) {
  const found = evaluateReadiness(snapshot).checks.find(
    (c) => c.id === id && (!region || c.region === region),
  );
  assert.ok(found, `no result for ${id}`);
  return found;
}

describe('the readiness check registry', () => {
  it('registers every check folder once, with unique ids and valid metadata', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const folders = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    assert.deepEqual(READINESS_CHECKS.map((c) => c.meta.id).sort(), folders);
    assert.equal(new Set(READINESS_CHECKS.map((c) => c.meta.id)).size, READINESS_CHECKS.length);
  });

  it('refuses a check with broken metadata, naming the field', () => {
    const meta = { ...READINESS_CHECKS[0]!.meta, id: 'Bad Id' };
    assert.throws(() => defineCheck(meta, () => []), /check Bad Id: id: lower-case words/);
    const noWhy = { ...READINESS_CHECKS[0]!.meta, whyItMatters: '' };
    assert.throws(() => defineCheck(noWhy, () => []), /whyItMatters/);
  });
});

describe('readiness checks over a snapshot', () => {
  it('a prepared account passes everything but the organization trail, which does not apply', () => {
    const report = evaluateReadiness(prepared());
    assert.equal(report.score, 100);
    const notPass = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}`);
    assert.deepEqual(notPass, ['cloudtrail-organization-trail:not_applicable']);
    assert.equal(report.checks.filter((c) => c.id === 'guardduty-enabled').length, 2);
  });

  it('weights the score by severity and leaves errors and not-applicable out of it', () => {
    const s = prepared();
    s.trails = { ok: true, value: [trail({ lambdaDataEvents: false })] };
    assert.equal(evaluateReadiness(s).score, Math.floor((100 * (totalWeight() - 1)) / totalWeight()));
    s.ebsEncryptionByDefault['us-east-1'] = {
      ok: false,
      error: 'ec2:GetEbsEncryptionByDefault: access denied',
    };
    const report = evaluateReadiness(s);
    assert.equal(statusOf(s, 'ebs-default-encryption', 'us-east-1').status, 'error');
    assert.equal(report.score, Math.floor((100 * (totalWeight() - 1 - 2)) / (totalWeight() - 2)));
  });

  it('a check that throws is an error result, not a crashed audit', () => {
    const boom = defineCheck({ ...READINESS_CHECKS[0]!.meta, id: 'boom' }, () => {
      throw new Error('bad snapshot');
    });
    const report = evaluateReadiness(prepared(), [boom]);
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.status, c.detail]),
      [['boom', 'error', 'check failed: bad snapshot']],
    );
    assert.equal(report.score, 0);
  });

  it('names what is wrong with the trail', () => {
    const s = prepared();
    s.trails = {
      ok: true,
      value: [trail({ multiRegion: false }), trail({ name: 'second', logging: false })],
    };
    assert.match(
      statusOf(s, 'cloudtrail-multi-region-logging').detail,
      /management: single-region; second: not logging/,
    );
    assert.equal(statusOf(s, 'cloudtrail-log-file-validation').detail, 'no multi-region trail is logging');
    s.trails = {
      ok: true,
      value: [trail({ managementEvents: 'WriteOnly', logFileValidation: false, kmsKeyId: undefined })],
    };
    assert.match(statusOf(s, 'cloudtrail-management-events').detail, /WriteOnly \(need All\)/);
    assert.equal(statusOf(s, 'cloudtrail-log-file-validation').status, 'fail');
    assert.equal(statusOf(s, 'cloudtrail-kms-encryption').status, 'fail');
    s.trails = { ok: false, error: 'cloudtrail: access denied' };
    assert.equal(statusOf(s, 'cloudtrail-s3-data-events').status, 'error');
    assert.equal(statusOf(s, 'cloudwatch-alarm-root-usage').detail, 'cloudtrail: access denied');
  });

  it('a trail whose status could not be read is an error, not a silent fail', () => {
    const s = prepared();
    const unread = trail({ logging: false, readError: 'trail org: access denied (AccessDeniedException)' });
    s.trails = { ok: true, value: [unread] };
    for (const id of [
      'cloudtrail-multi-region-logging',
      'cloudtrail-log-file-validation',
      'cloudtrail-bucket-not-public',
      'cloudwatch-alarm-root-usage',
    ]) {
      assert.equal(statusOf(s, id).status, 'error', id);
      assert.match(statusOf(s, id).detail, /trail org: access denied/);
    }
    s.trails = { ok: true, value: [unread, trail()] };
    assert.equal(
      statusOf(s, 'cloudtrail-multi-region-logging').status,
      'pass',
      'a readable logging trail still counts',
    );
  });

  it('reports a public or unlogged trail bucket', () => {
    const s = prepared();
    s.trailBuckets['trail-logs'] = {
      exposure: { ok: true, value: ['its ACL grants READ to everyone'] },
      accessLogsTo: { ok: true, value: undefined },
    };
    assert.match(
      statusOf(s, 'cloudtrail-bucket-not-public').detail,
      /trail-logs: its ACL grants READ to everyone/,
    );
    assert.equal(statusOf(s, 'cloudtrail-bucket-access-logging').status, 'fail');
  });

  it('follows each CIS alarm from filter to subscriber and says where the chain breaks', () => {
    const s = prepared();
    const m = monitoring();
    m.filters = m.filters.filter((f) => f.name !== 'RootUsage');
    m.alarms = m.alarms.filter((a) => a.metricName !== 'VPCChanges');
    const kms = m.alarms.find((a) => a.metricName === 'DisableOrDeleteCMK');
    if (kms) kms.actions = [];
    const nacl = m.alarms.find((a) => a.metricName === 'NACLChanges');
    if (nacl) nacl.actions = ['arn:aws:sns:us-east-1:111122223333:nobody'];
    m.filters.push({ name: 'broken', pattern: '{ $.eventName = ', metrics: [] });
    s.logMonitoring[GROUP] = { ok: true, value: m };
    assert.match(statusOf(s, 'cloudwatch-alarm-root-usage').detail, /no metric filter on trail matches/);
    assert.match(
      statusOf(s, 'cloudwatch-alarm-vpc-changes').detail,
      /filter VPCChanges has no alarm on its metric/,
    );
    assert.match(statusOf(s, 'cloudwatch-alarm-kms-key-disable-or-deletion').detail, /notifies no SNS topic/);
    assert.match(statusOf(s, 'cloudwatch-alarm-nacl-changes').detail, /no confirmed subscription/);
    assert.equal(statusOf(s, 'cloudwatch-alarm-route-table-changes').status, 'pass');
  });

  it('GuardDuty: suspended detectors, unrouted findings, export as a route', () => {
    const s = prepared();
    s.guardDuty['eu-west-1'] = {
      ok: true,
      value: { detectors: [{ id: 'd2', enabled: false }], publishingDestinations: 0, findingRoutes: [] },
    };
    s.guardDuty['us-east-1'] = {
      ok: true,
      value: {
        detectors: [{ id: 'd1', enabled: true }],
        publishingDestinations: 0,
        findingRoutes: [{ rule: 'r', targets: [] }],
      },
    };
    assert.match(statusOf(s, 'guardduty-enabled', 'eu-west-1').detail, /d2 is suspended/);
    assert.match(
      statusOf(s, 'guardduty-findings-routed', 'eu-west-1').detail,
      /no enabled GuardDuty detector/,
    );
    assert.match(
      statusOf(s, 'guardduty-findings-routed', 'us-east-1').detail,
      /rule r matches findings but has no/,
    );
    s.guardDuty['us-east-1'] = {
      ok: true,
      value: { detectors: [{ id: 'd1', enabled: true }], publishingDestinations: 1, findingRoutes: [] },
    };
    assert.equal(statusOf(s, 'guardduty-findings-routed', 'us-east-1').status, 'pass');
  });

  it('isolation: a missing group passes only when garrison may create one', () => {
    const s = prepared();
    const missing = { vpcs: [{ vpcId: 'vpc-9', isolationGroups: [] }] };
    s.isolation['us-east-1'] = { ok: true, value: { ...missing, canCreateIsolationGroup: true } };
    assert.match(statusOf(s, 'isolation-security-group', 'us-east-1').detail, /garrison may create one/);
    s.isolation['us-east-1'] = { ok: true, value: { ...missing, canCreateIsolationGroup: false } };
    assert.equal(statusOf(s, 'isolation-security-group', 'us-east-1').status, 'fail');
    s.isolation['us-east-1'] = { ok: true, value: { ...missing, canCreateIsolationGroup: undefined } };
    assert.equal(statusOf(s, 'isolation-security-group', 'us-east-1').status, 'error');
    s.isolation['us-east-1'] = { ok: true, value: { vpcs: [], canCreateIsolationGroup: undefined } };
    assert.equal(statusOf(s, 'isolation-security-group', 'us-east-1').status, 'not_applicable');
  });

  it('evidence bucket and responder role: missing, named, or not locked', () => {
    const s = prepared();
    s.evidenceBuckets = {
      ok: true,
      value: [{ name: 'evidence', versioning: true, objectLock: false, retention: undefined }],
    };
    assert.equal(statusOf(s, 'forensic-evidence-bucket').detail, 'evidence: no Object Lock');
    s.evidenceBuckets = { ok: true, value: [] };
    s.scope = { evidenceBucket: 'case-42', responderRole: 'ir' };
    assert.equal(statusOf(s, 'forensic-evidence-bucket').detail, 'bucket case-42 does not exist');
    s.responderRoles = { ok: true, value: [] };
    assert.equal(statusOf(s, 'responder-role').detail, 'role ir does not exist');
  });

  it('organization trail: required in an organization, answered by an organization trail', () => {
    const s = prepared();
    s.organization = { ok: true, value: { member: true, id: 'o-abc' } };
    assert.match(statusOf(s, 'cloudtrail-organization-trail').detail, /o-abc has no logging/);
    s.trails = { ok: true, value: [trail({ organizationTrail: true })] };
    assert.equal(statusOf(s, 'cloudtrail-organization-trail').status, 'pass');
  });
});

/** The severity weight of all passing answers on the prepared account (high 3, medium 2, low 1). */
function totalWeight(): number {
  const weights = { high: 3, medium: 2, low: 1 };
  const report = evaluateReadiness(prepared());
  return report.checks
    .filter((c) => c.status === 'pass')
    .reduce((sum, c) => sum + weights[report.severities[c.id] ?? 'low'], 0);
}

describe('the check catalog', () => {
  it('documents every check from its metadata, with the result ids the audit uses', async () => {
    const { checkCatalog, checkCatalogMarkdown } = await import('./catalog.js');
    const catalog = checkCatalog();
    assert.equal(catalog.length, READINESS_CHECKS.length);
    const ids = new Set(evaluateReadiness(prepared()).checks.map((c) => c.id));
    assert.deepEqual(
      new Set(catalog.flatMap((c) => c.resultIds)),
      ids,
      'every result id is documented, and only those',
    );
    const perRegion = evaluateReadiness(prepared())
      .checks.filter((c) => c.region === 'eu-west-1')
      .map((c) => c.id);
    assert.deepEqual(
      catalog
        .filter((c) => c.scope === 'per-region')
        .map((c) => c.id)
        .sort(),
      [...new Set(perRegion)].sort(),
    );
    const markdown = checkCatalogMarkdown();
    for (const c of catalog) assert.ok(markdown.includes(`## ${c.id} (`), c.id);
  });
});
