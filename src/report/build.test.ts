import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ActionEntry, Case } from '../cases/types.js';
import type { CloudTrailRecord } from '../trail/record.js';
import { buildReport, MAX_APPENDIX_EVENTS } from './build.js';
import { reportInput } from './case-input.js';
import { buildFixtureCase, type FixtureCase, ROLE_SESSION } from './fixture.test-data.js';
import type { ReportInput, ReportModel } from './model.js';

const MIN = 60_000;

function bareCase(fields: Partial<Case> = {}): Case {
  return {
    id: 'case-20261127-abcd',
    title: 'bare',
    status: 'open',
    severity: 'medium',
    summary: '',
    createdBy: 'alice',
    createdAt: '2026-11-27T10:00:00.000Z',
    detectedAt: null,
    containedAt: null,
    recoveredAt: null,
    closedAt: null,
    ...fields,
  };
}

function bare(fields: Partial<ReportInput> = {}): ReportInput {
  return {
    case: bareCase(),
    actions: [],
    evidence: [],
    notes: [],
    findings: [],
    iocs: [],
    events: [],
    eventSources: [],
    audit: null,
    ...fields,
  };
}

function action(id: number, fields: Partial<ActionEntry>): ActionEntry {
  return {
    id,
    caseId: 'case-20261127-abcd',
    runId: 'r',
    kind: 'apply',
    undoes: null,
    playbook: 'iam-user',
    stepId: `step-${id}`,
    target: 'mallory',
    targetDetail: null,
    account: null,
    region: null,
    summary: '',
    plan: null,
    before: null,
    output: null,
    requestIds: [],
    status: 'verified',
    verifyOk: true,
    verifyDetail: null,
    error: null,
    actorArn: null,
    localUser: 'alice',
    startedAt: '2026-11-27T12:00:00.000Z',
    finishedAt: '2026-11-27T12:00:05.000Z',
    ...fields,
  };
}

const metric = (m: ReportModel, id: string) => {
  const found = m.metrics.find((x) => x.id === id);
  assert.ok(found, id);
  return found;
};

describe('the report model of a fixture case built through the case store', () => {
  let dir: string;
  let fixture: FixtureCase;
  let model: ReportModel;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-report-model-'));
    fixture = buildFixtureCase(dir);
    model = buildReport(reportInput(fixture.store, fixture.caseId), {
      generatedAt: new Date('2026-11-28T00:00:00Z'),
    });
  });
  after(() => {
    fixture.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures time to detect, contain and recover from the case, saying how', () => {
    const detect = metric(model, 'time-to-detect');
    assert.equal(detect.ms, 30 * MIN);
    assert.equal(detect.display, '30 min 00 s');
    assert.match(detect.method, /earliest of the 7 CloudTrail events/);
    const contain = metric(model, 'time-to-contain');
    const last = fixture.store.journal.forCase(fixture.caseId).at(-1)?.finishedAt as string;
    assert.equal(contain.to.at, new Date(last).toISOString());
    assert.equal(contain.ms, Date.parse(last) - (fixture.base + 30 * MIN));
    const recover = metric(model, 'time-to-recover');
    assert.equal(recover.to.at, fixture.store.cases.get(fixture.caseId).recoveredAt);
    assert.ok((recover.ms ?? 0) > 59 * MIN);
    assert.equal(model.generatedAt, '2026-11-28T00:00:00.000Z');
  });

  it('reads the events and the audit from evidence, verifying their hashes', () => {
    assert.equal(model.eventSources.length, 1);
    assert.equal(model.eventSources[0]?.events, 7);
    assert.equal(model.eventSources[0]?.hashMatches, true);
    assert.equal(model.lessons.readiness.recorded, true);
    assert.equal(model.lessons.readiness.score, 61);
    assert.deepEqual(
      model.lessons.readiness.failed.map((c) => c.id),
      ['cloudwatch-alarm-iam-policy-changes', 'cloudtrail-s3-data-events'],
    );
  });

  it('names the CIS alarms the malicious events should have raised, and whether each was in place', () => {
    const byId = new Map(model.lessons.alarms.map((a) => [a.filter, a]));
    assert.deepEqual([...byId.keys()].sort(), [
      'cloudtrail-changes',
      'iam-policy-changes',
      'unauthorized-api-calls',
    ]);
    assert.equal(byId.get('iam-policy-changes')?.inPlace, 'no');
    assert.match(byId.get('iam-policy-changes')?.verdict ?? '', /could not: filter CIS-IAM has no alarm/);
    assert.equal(byId.get('unauthorized-api-calls')?.inPlace, 'yes');
    assert.equal(byId.get('cloudtrail-changes')?.inPlace, 'unknown');
    assert.equal(byId.get('iam-policy-changes')?.firstMatch, new Date(fixture.base + 6 * MIN).toISOString());
  });

  it('flags the GuardDuty finding first seen an hour after the first malicious event, not the prompt hunt finding', () => {
    assert.equal(model.lessons.lateDetections.length, 1);
    const late = model.lessons.lateDetections[0];
    assert.equal(late?.delayMs, 60 * MIN);
    assert.equal(late?.principal, ROLE_SESSION);
  });

  it('sorts the blast radius into reads and writes, leaving out denied calls', () => {
    const br = model.blastRadius;
    assert.equal(br.basis, 'events');
    assert.deepEqual(br.principals, [ROLE_SESSION]);
    const bucket = br.resources.find((r) => r.resource === 'arn:aws:s3:::acme-data');
    assert.deepEqual([bucket?.reads, bucket?.writes], [2, 0]);
    const user = br.resources.find((r) => r.resource.includes(':user/backdoor'));
    assert.deepEqual([user?.reads, user?.writes], [0, 2]);
    assert.ok(
      !br.resources.some((r) => r.resource.includes('cloudtrail')),
      'the denied DeleteTrail touched nothing',
    );
  });

  it('lays out the timeline and the chart with the three markers', () => {
    const kinds = new Set(model.timeline.map((t) => t.kind));
    assert.deepEqual([...kinds].sort(), ['action', 'event', 'finding', 'milestone']);
    const times = model.timeline.map((t) => t.at);
    assert.deepEqual(times, [...times].sort());
    const chart = model.chart;
    assert.ok(chart);
    assert.deepEqual(
      chart.markers.map((m) => m.kind),
      ['first-malicious-event', 'first-finding', 'containment'],
    );
    assert.equal(
      chart.counts.flat().reduce((a, b) => a + b, 0),
      7,
    );
    assert.equal(chart.findings.length, 2);
    assert.match(model.summary.whatHappened, /2 findings \(1 critical, 1 high\)/);
    assert.match(model.summary.status, /2 response steps journaled, 2 verified; 3 evidence items/);
  });
});

describe('the report model when data is missing or wrong', () => {
  it('says unknown, and why, for every metric of an empty case', () => {
    const m = buildReport(bare());
    for (const x of m.metrics) {
      assert.equal(x.ms, null);
      assert.equal(x.display, 'unknown');
      assert.match(x.method, /^unknown: no /);
    }
    assert.equal(m.chart, null);
    assert.equal(m.blastRadius.basis, 'none');
    assert.equal(m.lessons.readiness.text, 'No readiness audit was recorded in the case.');
    assert.deepEqual(m.lessons.alarms, []);
  });

  it('does not call containment verified while a step failed, unless the case says contained', () => {
    const actions = [action(1, {}), action(2, { status: 'failed', verifyOk: null, error: 'AccessDenied' })];
    const input = bare({ case: bareCase({ detectedAt: '2026-11-27T11:00:00.000Z' }), actions });
    const open = metric(buildReport(input), 'time-to-contain');
    assert.equal(open.ms, null);
    assert.match(open.method, /step-2 failed/);
    const marked = bare({
      ...input,
      case: bareCase({ detectedAt: '2026-11-27T11:00:00.000Z', containedAt: '2026-11-27T13:00:00.000Z' }),
    });
    assert.equal(metric(buildReport(marked), 'time-to-contain').ms, 2 * 3600e3);
  });

  it('ignores an undone step and a step superseded by a later verified run', () => {
    const actions = [
      action(1, { stepId: 'a', status: 'failed' }),
      action(2, { stepId: 'a', status: 'verified', finishedAt: '2026-11-27T12:10:00.000Z' }),
      action(3, { stepId: 'b', status: 'unverified', finishedAt: '2026-11-27T12:20:00.000Z' }),
      action(4, {
        kind: 'undo',
        undoes: 3,
        stepId: 'b',
        status: 'undone',
        finishedAt: '2026-11-27T12:30:00.000Z',
      }),
    ];
    const input = bare({ case: bareCase({ detectedAt: '2026-11-27T12:00:00.000Z' }), actions });
    const contain = metric(buildReport(input), 'time-to-contain');
    assert.equal(contain.to.at, '2026-11-27T12:10:00.000Z');
    assert.equal(contain.ms, 10 * MIN);
  });

  it('refuses a negative duration (recovery recorded before containment)', () => {
    const input = bare({
      case: bareCase({
        detectedAt: '2026-11-27T12:00:00.000Z',
        containedAt: '2026-11-27T13:00:00.000Z',
        recoveredAt: '2026-11-27T12:30:00.000Z',
      }),
    });
    const recover = metric(buildReport(input), 'time-to-recover');
    assert.equal(recover.ms, null);
    assert.match(recover.method, /recovery precedes containment verified/);
  });

  it('keeps the appendix to the first events when the case holds many, saying where the rest are', () => {
    const events: CloudTrailRecord[] = Array.from({ length: MAX_APPENDIX_EVENTS + 5 }, (_, i) => ({
      eventTime: new Date(Date.UTC(2026, 10, 27, 10, 0, i)).toISOString(),
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
    }));
    const [entry] = buildReport(bare({ events })).appendix;
    assert.ok(entry);
    assert.match(entry.title, /the first 1000 of 1005; all are in the cloudtrail-events evidence/);
    assert.equal((entry.value as unknown[]).length, MAX_APPENDIX_EVENTS);
  });

  it('charts the six busiest principals and counts the rest as other', () => {
    const events: CloudTrailRecord[] = [];
    for (let p = 0; p < 9; p++)
      for (let i = 0; i <= p; i++)
        events.push({
          eventTime: new Date(Date.UTC(2026, 10, 27, 10, i)).toISOString(),
          eventSource: 's3.amazonaws.com',
          eventName: 'GetObject',
          userIdentity: { arn: `arn:aws:iam::1:user/u${p}` },
        });
    const chart = buildReport(bare({ events })).chart;
    assert.ok(chart);
    assert.equal(chart.principals.length, 7);
    assert.equal(chart.principals[0], 'arn:aws:iam::1:user/u8');
    assert.equal(chart.principals.at(-1), 'other');
    const other = chart.counts.reduce((sum, row) => sum + (row[6] ?? 0), 0);
    assert.equal(other, 1 + 2 + 3, 'u0, u1 and u2 fall into other');
  });
});
