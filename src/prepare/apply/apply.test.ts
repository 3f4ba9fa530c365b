import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsClients } from '../../aws/clients.js';
import { CaseStore } from '../../cases/store.js';
import { runPlaybook } from '../../respond/runner/run-playbook.js';
import { validatePlaybook } from '../../respond/runner/validate.js';
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE } from '../cis/patterns.js';
import type { LogMonitoringState } from '../state/log-monitoring.js';
import type { AccountSnapshot } from '../state/snapshot.js';
import type { TrailState } from '../state/trails.js';
import { cloudTrailBucketStatements, mergePolicy, missingStatements, parsePolicy } from './bucket-policy.js';
import { alarmGaps, filterGaps } from './cis-alarms.js';
import { prepareStep } from './define-step.js';
import { detectorGaps, findingPattern, routeGaps } from './guardduty.js';
import { preparePlaybook } from './playbook.js';
import { evidenceGaps } from './responders.js';
import { plannedChanges } from './run.js';
import { chosenTrail, type PrepareTarget, prepareSettings } from './settings.js';
import { trailGaps, trailStep } from './trail.js';
import { bucketGaps } from './trail-bucket.js';

const ACCOUNT = '123456789012';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/garrison`;

function trail(overrides: Partial<TrailState> = {}): TrailState {
  return {
    name: 'garrison',
    arn: TRAIL_ARN,
    homeRegion: 'us-east-1',
    multiRegion: true,
    organizationTrail: false,
    logging: true,
    logFileValidation: true,
    kmsKeyId: undefined,
    bucketName: 'logs',
    logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:ct:*`,
    logsRoleArn: `arn:aws:iam::${ACCOUNT}:role/ct`,
    managementEvents: 'All',
    s3DataEvents: true,
    lambdaDataEvents: true,
    ...overrides,
  };
}

function target(trails: TrailState[] = [], options = {}): PrepareTarget {
  const snapshot = {
    accountId: ACCOUNT,
    regions: ['us-east-1', 'eu-west-1'],
    trails: { ok: true, value: trails },
    trailBuckets: {},
    logMonitoring: {},
    guardDuty: {},
    isolation: {},
    ebsEncryptionByDefault: {},
    evidenceBuckets: { ok: true, value: [] },
    responderRoles: { ok: true, value: [] },
    organization: { ok: true, value: { member: false } },
    scope: {},
  } as unknown as AccountSnapshot;
  return {
    id: ACCOUNT,
    region: 'us-east-1',
    account: ACCOUNT,
    settings: prepareSettings(ACCOUNT, options),
    snapshot,
  };
}

describe('prepare apply: the trail', () => {
  it('creates one when none exists, and updates an existing trail in place (same name and bucket)', () => {
    assert.deepEqual(
      trailGaps(undefined, target()).map((c) => c.kind),
      ['create-trail'],
    );
    const weak = trail({
      name: 'legacy',
      multiRegion: false,
      logFileValidation: false,
      logging: false,
      managementEvents: 'WriteOnly',
    });
    const t = target([weak]);
    const changes = trailGaps(chosenTrail(t.snapshot, t.settings), t);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['update-trail', 'add-event-selector', 'start-logging'],
    );
    assert.ok(
      changes.every((c) => c.update === true),
      'every change to an existing trail is an update',
    );
    assert.match(
      changes[0]?.summary ?? '',
      /trail legacy: make it multi-region, turn on log file validation, encrypt with arn:aws:kms:us-east-1:123456789012:alias\/garrison-cloudtrail \(same name, same bucket logs\)/,
    );
    assert.deepEqual(trailGaps(trail({ kmsKeyId: 'k' }), target()), [], 'a ready trail needs nothing');
  });

  it('adopts the named trail, else the readiest own trail; never one of another account (an organization trail)', () => {
    const org = trail({
      name: 'org',
      organizationTrail: true,
      arn: 'arn:aws:cloudtrail:us-east-1:888888888888:trail/org',
    });
    const foreign = trail({ name: 'other', arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/other' });
    const single = trail({
      name: 'single',
      multiRegion: false,
      arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/single`,
    });
    const multi = trail({
      name: 'multi',
      logging: false,
      arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/multi`,
    });
    const t = target([org, foreign, single, multi]);
    assert.equal(chosenTrail(t.snapshot, t.settings)?.name, 'multi');
    const named = target([org, single, multi], { trailName: 'single' });
    assert.equal(chosenTrail(named.snapshot, named.settings)?.name, 'single');
    const onlyOthers = target([org, foreign]);
    assert.equal(chosenTrail(onlyOthers.snapshot, onlyOthers.settings), undefined);
  });

  it('asks for KMS only when a key is given, and says so as an update', () => {
    const t = target([trail()], { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' });
    const [change] = trailGaps(trail(), t);
    assert.equal(change?.kind, 'update-trail');
    assert.equal(change?.kms, true);
  });
});

describe('prepare apply: what is not ours is left alone', () => {
  it("adopts the organization trail in the account that owns it; a member never touches the management account's", () => {
    const ownOrg = trail({ name: 'org', organizationTrail: true, logFileValidation: false });
    const t = target([ownOrg]);
    assert.equal(chosenTrail(t.snapshot, t.settings)?.name, 'org');
    const member = target([
      trail({
        name: 'org',
        organizationTrail: true,
        arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org',
      }),
    ]);
    assert.equal(chosenTrail(member.snapshot, member.settings), undefined);
  });

  it('warns a member account that a second trail pays again', async () => {
    const member = target([
      trail({
        name: 'org',
        organizationTrail: true,
        arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org',
      }),
    ]);
    const plan = await trailStep.plan({ target: member } as Parameters<typeof trailStep.plan>[0]);
    assert.equal(plan.willChange, true);
    assert.match(plan.summary, /^create multi-region trail garrison/);
    assert.ok(plan.warnings?.some((w) => /organization trail already records this account/.test(w)));
  });

  it("another account's central bucket (access denied) gets no change, only a note", () => {
    const unreadable = {
      name: 'central',
      exists: true,
      publicAccessBlocked: false,
      versioning: false,
      policy: undefined,
      unreadable: 'not ours',
    };
    assert.deepEqual(
      bucketGaps(
        unreadable,
        'us-east-1',
        cloudTrailBucketStatements('aws', 'central', ACCOUNT, TRAIL_ARN),
        'trail',
      ),
      [],
    );
    const open = { ...unreadable, unreadable: undefined };
    assert.deepEqual(
      bucketGaps(
        open,
        'us-east-1',
        cloudTrailBucketStatements('aws', 'central', ACCOUNT, TRAIL_ARN),
        'trail',
      ).map((c) => [c.kind, c.update]),
      [
        ['block-public-access', true],
        ['enable-versioning', true],
        ['add-policy-statements', true],
      ],
    );
  });
});

describe('prepare apply: bucket policies are only ever added to', () => {
  const wanted = cloudTrailBucketStatements('aws', 'logs', ACCOUNT, TRAIL_ARN);

  it('grants CloudTrail exactly: ACL check and write with bucket-owner-full-control, scoped by aws:SourceArn', () => {
    assert.deepEqual(
      wanted.map((s) => s.Sid),
      ['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite'],
    );
    assert.equal(wanted[1]?.Resource, `arn:aws:s3:::logs/AWSLogs/${ACCOUNT}/*`);
    assert.deepEqual(wanted[1]?.Condition?.StringEquals, {
      's3:x-amz-acl': 'bucket-owner-full-control',
      'aws:SourceArn': TRAIL_ARN,
    });
  });

  it('keeps a stricter existing policy (its Deny) and appends only what is missing', () => {
    const deny = {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    const existing = { Version: '2012-10-17', Statement: [deny, { ...wanted[0], Sid: 'TheirAclCheck' }] };
    const missing = missingStatements(parsePolicy(JSON.stringify(existing)), wanted);
    assert.deepEqual(
      missing.map((s) => s.Sid),
      ['AWSCloudTrailWrite'],
      'their own ACL-check grant counts',
    );
    const merged = mergePolicy(parsePolicy(JSON.stringify(existing)), wanted);
    assert.deepEqual(merged.Statement[0], deny);
    assert.equal(merged.Statement.length, 3);
    assert.deepEqual(missingStatements(merged, wanted), [], 'merging twice adds nothing');
  });

  it('refuses to overwrite a policy it cannot parse, and treats a Deny as no grant', () => {
    assert.throws(
      () => parsePolicy('{"Statement": [ not json'),
      /not valid JSON: garrison will not replace it/,
    );
    const denied = { Version: '2012-10-17', Statement: wanted.map((s) => ({ ...s, Effect: 'Deny' })) };
    assert.equal(missingStatements(denied, wanted).length, 2);
  });
});

function monitoring(
  filters: LogMonitoringState['filters'],
  alarms: LogMonitoringState['alarms'] = [],
  subs = {},
): LogMonitoringState {
  return { region: 'us-east-1', logGroupName: 'ct', filters, alarms, topicSubscriptions: subs };
}

describe('prepare apply: CIS filters and alarms', () => {
  const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:garrison-alerts`;

  it('plans all 15 filters on an empty group and skips a pattern an account filter already covers (written differently)', () => {
    assert.equal(filterGaps(monitoring([])).length, 15);
    const own = {
      name: 'my-root',
      pattern:
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      metrics: [{ namespace: 'Mine', name: 'Root' }],
    };
    const gaps = filterGaps(monitoring([own]));
    assert.equal(gaps.length, 14);
    assert.ok(!gaps.some((g) => g.cis === 'root-usage'));
    const alarms = alarmGaps(monitoring([own]), topic);
    assert.deepEqual(
      alarms.find((a) => a.cis === 'root-usage'),
      {
        kind: 'put-metric-alarm',
        cis: 'root-usage',
        namespace: 'Mine',
        metric: 'Root',
        summary: 'alarm garrison-root-usage on Mine/Root ≥ 1 in 5 min → garrison-alerts',
      },
      'the alarm goes on their metric, not a duplicate filter',
    );
  });

  it('a filter that does not cover the CIS events (a hostile or broken pattern) does not count', () => {
    const broken = {
      name: 'x',
      pattern: '{ $.eventName = "\u001b[31mStopLogging" &&',
      metrics: [{ namespace: 'N', name: 'M' }],
    };
    const weak = {
      name: 'y',
      pattern: '{ $.eventName = "StopLogging" }',
      metrics: [{ namespace: 'N', name: 'M2' }],
    };
    const gaps = filterGaps(monitoring([broken, weak]));
    assert.equal(gaps.length, 15);
  });

  it('an existing alarm that pages nobody is left alone and garrison adds its own', () => {
    const filters = CIS_METRIC_FILTERS.map((f) => ({
      name: f.id,
      pattern: f.pattern,
      metrics: [{ namespace: CIS_METRIC_NAMESPACE, name: f.metricName }],
    }));
    const silent = CIS_METRIC_FILTERS.map((f) => ({
      name: `theirs-${f.id}`,
      namespace: CIS_METRIC_NAMESPACE,
      metricName: f.metricName,
      actionsEnabled: true,
      actions: ['arn:aws:sns:us-east-1:123456789012:nobody'],
    }));
    assert.equal(
      alarmGaps(monitoring(filters, silent, { 'arn:aws:sns:us-east-1:123456789012:nobody': 0 }), topic)
        .length,
      15,
    );
    const paging = silent.map((a) => ({ ...a, actions: [topic] }));
    assert.deepEqual(alarmGaps(monitoring(filters, paging), topic), []);
    const disabled = paging.map((a) => ({ ...a, actionsEnabled: false }));
    assert.equal(alarmGaps(monitoring(filters, disabled), topic).length, 15);
  });
});

describe('prepare apply: GuardDuty and the responder kit', () => {
  const gd = (over = {}) => ({ detectors: [], publishingDestinations: 0, findingRoutes: [], ...over });

  it('creates missing detectors, re-enables a suspended one (update), leaves enabled ones', () => {
    const gaps = detectorGaps({
      'us-east-1': gd({ detectors: [{ id: 'd1', enabled: true }] }),
      'eu-west-1': gd({ detectors: [{ id: 'd2', enabled: false }] }),
      'ap-south-1': gd(),
    });
    assert.deepEqual(
      gaps.map((g) => [g.region, g.kind, g.update ?? false]),
      [
        ['eu-west-1', 'enable-detector', true],
        ['ap-south-1', 'create-detector', false],
      ],
    );
  });

  it('routes unrouted regions: home to the topic, others forwarded to the home bus', () => {
    const t = target();
    const gaps = routeGaps(
      {
        'us-east-1': gd(),
        'eu-west-1': gd(),
        'ap-south-1': gd({ findingRoutes: [{ rule: 'theirs', targets: ['arn:aws:sqs:ap-south-1:1:q'] }] }),
      },
      t,
    );
    assert.equal(gaps.length, 2);
    assert.match(gaps[0]?.summary ?? '', /us-east-1: .* severity ≥ 4 to garrison-alerts/);
    assert.match(gaps[1]?.summary ?? '', /eu-west-1: .* forwards .* to the us-east-1 event bus/);
    assert.deepEqual(JSON.parse(findingPattern(7)), {
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', 7] }] },
    });
  });

  it('a forensic bucket is created, or an existing named one is updated, never replaced', () => {
    const t = target();
    assert.equal(evidenceGaps([], t)[0]?.kind, 'create-evidence-bucket');
    const named = {
      name: t.settings.evidenceBucket,
      versioning: false,
      objectLock: false,
      retention: undefined,
    };
    assert.deepEqual(
      evidenceGaps([named], t).map((c) => [c.kind, c.update]),
      [['lock-evidence-bucket', true]],
    );
    assert.deepEqual(
      evidenceGaps([{ ...named, name: 'other-forensics', versioning: true, objectLock: true }], t),
      [],
    );
  });
});

describe('prepare apply: the playbook', () => {
  it('is a valid playbook whose steps all declare IAM actions (garrison policy prepare)', () => {
    const steps = validatePlaybook(preparePlaybook);
    assert.equal(steps.length, 16);
    for (const s of steps) {
      assert.ok(s.iamActions.length > 0, `${s.id} declares its IAM actions`);
      assert.equal(s.idempotent, true);
      assert.equal(s.undo, undefined, `${s.id}: preparation is never undone by deleting`);
    }
    assert.ok(steps.findIndex((s) => s.id === 'trail') > steps.findIndex((s) => s.id === 'trail-bucket'));
    assert.ok(steps.findIndex((s) => s.id === 'trail') > steps.findIndex((s) => s.id === 'trail-key'));
    assert.ok(preparePlaybook.steps.find((s) => s.id === 'trail')?.dependsOn.includes('trail-key'));
    assert.ok(preparePlaybook.steps.find((s) => s.id === 'trail-key')?.iamActions.includes('kms:CreateKey'));
  });

  it('a step whose AWS call fails is reported failed and blocks the steps that depend on it', async () => {
    const failing = prepareStep<number>({
      id: 'alarm-topic',
      title: 'fails',
      iamActions: ['sns:CreateTopic'],
      observe: async () => 0,
      gaps: () => [{ kind: 'x', summary: 'create it' }],
      make: async () => {
        throw Object.assign(new Error('Throttling: Rate exceeded'), { name: 'ThrottlingException' });
      },
      ready: () => 'ready',
    });
    const after = prepareStep<number>({
      id: 'cis-alarms',
      title: 'after',
      iamActions: ['cloudwatch:PutMetricAlarm'],
      dependsOn: ['alarm-topic'],
      observe: async () => 0,
      gaps: () => [],
      make: async () => [],
      ready: () => 'ready',
    });
    const store = CaseStore.open(':memory:');
    try {
      const caseId = store.cases.create({ title: 'prepare' }).id;
      const result = await runPlaybook({
        playbook: { name: 'prepare', title: 't', steps: [failing, after] },
        target: target(),
        clients: new AwsClients({ region: 'us-east-1' }),
        apply: true,
        store,
        caseId,
        markContained: false,
      });
      assert.equal(result.status, 'failed');
      assert.deepEqual(
        result.outcomes.map((o) => o.status),
        ['failed', 'blocked'],
      );
      assert.match(result.outcomes[0]?.detail ?? '', /Rate exceeded/);
      assert.equal(
        store.cases.get(caseId).status === 'contained',
        false,
        'preparation never marks a case contained',
      );
    } finally {
      store.close();
    }
  });

  it('lists a dry run change by change, + for new and ~ for updates', () => {
    const detail = JSON.stringify([
      { kind: 'create-trail', summary: 'create trail' },
      { kind: 'start-logging', summary: 'start', update: true },
    ]);
    const lines = plannedChanges({
      stepId: 'trail',
      title: 't',
      status: 'would-change',
      summary: '',
      detail,
      warnings: [],
      requestIds: [],
    });
    assert.deepEqual(
      lines.map((l) => [l.change, l.update]),
      [
        ['create trail', false],
        ['start', true],
      ],
    );
  });
});
