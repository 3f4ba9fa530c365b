import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../findings/finding.js';
import { exportCase, importCase } from './export.js';
import { CaseStore } from './store.js';

const HOSTILE = "\u001b]8;;http://evil\u0007x\u202e' OR 1=1 --\\";

export function huntFinding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'f-1',
    rule: {
      id: 'garrison-aws-cloudtrail-stopped',
      title: 'CloudTrail stopped',
      severity: 'high',
      mitre: [],
      stratus: [],
      guardduty: [],
    },
    severity: 'high',
    title: 'CloudTrail stopped',
    description: 'd',
    principal: 'arn:aws:iam::111122223333:user/mallory',
    accounts: ['111122223333'],
    regions: ['us-east-1'],
    resources: ['arn:aws:cloudtrail:us-east-1:111122223333:trail/main'],
    source_ips: ['203.0.113.66'],
    user_agents: [HOSTILE],
    event_names: ['cloudtrail:StopLogging'],
    first_seen: '2026-11-19T14:00:00.000Z',
    last_seen: '2026-11-19T14:10:00.000Z',
    count: 2,
    event_ids: ['e1', 'e2'],
    event_ids_truncated: false,
    playbook: 'none',
    ...over,
  };
}

describe('case store: findings, IOCs, notes, export and import', () => {
  it('deduplicates hunt findings: the same hunt twice changes nothing, later events update count and last seen', () => {
    const store = CaseStore.open(':memory:');
    const id = store.cases.create({ title: 'dedup' }).id;
    assert.deepEqual(store.findings.attach(id, [huntFinding()]), { added: 1, updated: 0 });
    assert.deepEqual(store.findings.attach(id, [huntFinding()]), { added: 0, updated: 1 });
    assert.equal(store.findings.forCase(id).length, 1);
    assert.equal(store.findings.forCase(id)[0]?.finding.count, 2);
    const later = huntFinding({
      id: 'f-2',
      first_seen: '2026-11-19T14:40:00.000Z',
      last_seen: '2026-11-19T14:50:00.000Z',
      count: 1,
      event_ids: ['e3'],
      source_ips: ['192.0.2.9'],
    });
    assert.deepEqual(store.findings.attach(id, [later]), { added: 0, updated: 1 });
    const [merged] = store.findings.forCase(id);
    assert.equal(merged?.finding.count, 3);
    assert.equal(merged?.finding.first_seen, '2026-11-19T14:00:00.000Z');
    assert.equal(merged?.finding.last_seen, '2026-11-19T14:50:00.000Z');
    assert.deepEqual(merged?.finding.source_ips, ['203.0.113.66', '192.0.2.9']);
    // A day later, or another resource: another finding.
    store.findings.attach(id, [
      huntFinding({ first_seen: '2026-11-20T14:00:00.000Z', last_seen: '2026-11-20T14:00:00.000Z' }),
    ]);
    store.findings.attach(id, [
      huntFinding({ resources: ['arn:aws:cloudtrail:us-east-1:111122223333:trail/other'] }),
    ]);
    assert.equal(store.findings.forCase(id).length, 3);
    store.close();
  });

  it('keys GuardDuty findings by their id (replaced when seen again) and keeps unassigned ones apart', () => {
    const store = CaseStore.open(':memory:');
    const id = store.cases.create({ title: 'gd' }).id;
    const gd = huntFinding({ id: 'gd-abc', count: 5 });
    assert.deepEqual(store.findings.attach(null, [gd], { source: 'guardduty' }), { added: 1, updated: 0 });
    assert.equal(store.findings.forCase(null).length, 1);
    assert.deepEqual(store.findings.attach(id, [{ ...gd, count: 9 }], { source: 'guardduty' }), {
      added: 0,
      updated: 1,
    });
    assert.equal(store.findings.forCase(null).length, 0);
    assert.equal(store.findings.forCase(id)[0]?.finding.count, 9);
    assert.throws(() => store.findings.attach('case-20261119-none', [huntFinding()]), /FOREIGN KEY/);
    store.close();
  });

  it('merges IOC sightings and refuses unknown kinds', () => {
    const store = CaseStore.open(':memory:');
    const id = store.cases.create({ title: 'iocs' }).id;
    store.iocs.add(
      id,
      [
        {
          kind: 'ipv4',
          value: '203.0.113.66',
          first: '2026-11-19T14:00:00Z',
          last: '2026-11-19T15:00:00Z',
          count: 3,
        },
      ],
      'hunt',
    );
    assert.deepEqual(
      store.iocs.add(id, [
        {
          kind: 'ipv4',
          value: '203.0.113.66',
          first: '2026-11-19T13:00:00Z',
          last: '2026-11-19T14:30:00Z',
          count: 2,
        },
      ]),
      { added: 0, updated: 1 },
    );
    const [ip] = store.iocs.forCase(id);
    assert.deepEqual([ip?.first, ip?.last, ip?.count], ['2026-11-19T13:00:00Z', '2026-11-19T15:00:00Z', 3]);
    assert.throws(
      () => store.iocs.add(id, [{ kind: 'email' as 'ipv4', value: 'x', first: '', last: '', count: 1 }]),
      /unknown indicator kind/,
    );
    store.close();
  });

  it('exports a case and imports it into a fresh store losslessly (export → import → export is identical)', () => {
    const store = CaseStore.open(':memory:');
    const kase = store.cases.create({
      title: `exfil ${HOSTILE}`,
      severity: 'high',
      detectedAt: '2026-11-19T14:30:00Z',
    });
    const id = kase.id;
    const apply = store.journal.start({
      caseId: id,
      runId: 'run-1',
      kind: 'apply',
      playbook: 'iam-user',
      stepId: 'deactivate-keys',
      target: 'mallory',
      targetDetail: { user: 'mallory' },
      region: 'us-east-1',
      summary: 'deactivate',
      plan: { keys: ['AKIA1'] },
      before: { keys: [{ id: 'AKIA1', status: 'Active' }] },
      actor: { arn: 'arn:aws:iam::1:user/r', localUser: 'alice' },
    });
    store.journal.finish(apply, {
      status: 'verified',
      requestIds: ['r1'],
      verifyOk: true,
      verifyDetail: 'ok',
    });
    const undo = store.journal.start({
      caseId: id,
      runId: 'run-2',
      kind: 'undo',
      undoes: apply,
      playbook: 'iam-user',
      stepId: 'deactivate-keys',
      target: 'mallory',
      summary: 'reactivate',
      actor: { localUser: 'bob' },
    });
    store.journal.finish(undo, { status: 'undone' });
    const item = store.evidence.add({
      caseId: id,
      actionId: apply,
      kind: 'policy',
      awsIds: ['AKIA1'],
      description: 'keys before',
      sha256: 'a'.repeat(64),
      location: '/tmp/x',
    });
    store.evidence.recordCustody(item.id, 'transferred', 'bob', 'to the locker');
    store.cases.addNote(id, `attacker agent: ${HOSTILE}`, 'alice');
    store.findings.attach(id, [huntFinding()]);
    store.findings.attach(id, [huntFinding({ id: 'gd-1', severity: 'medium' })], { source: 'guardduty' });
    store.iocs.add(
      id,
      [
        {
          kind: 'user-agent',
          value: HOSTILE,
          first: '2026-11-19T14:00:00Z',
          last: '2026-11-19T14:00:00Z',
          count: 1,
        },
      ],
      'hunt',
    );
    store.cases.setStatus(id, 'contained', { at: '2026-11-19T15:00:00Z' });
    const first = JSON.stringify(exportCase(store, id));
    store.close();

    const fresh = CaseStore.open(':memory:');
    assert.deepEqual(importCase(fresh, JSON.parse(first)), { caseId: id, renumbered: 0 });
    assert.equal(JSON.stringify(exportCase(fresh, id)), first);
    assert.throws(() => importCase(fresh, JSON.parse(first)), /already in this case store/);

    // Into a store whose ids are taken: renumbered, references kept.
    const busy = CaseStore.open(':memory:');
    const other = busy.cases.create({ title: 'other' }).id;
    const taken = busy.journal.start({
      caseId: other,
      runId: 'r',
      kind: 'apply',
      playbook: 'p',
      stepId: 's',
      target: 't',
      summary: '',
      actor: { localUser: 'x' },
    });
    busy.evidence.add({ caseId: other, actionId: taken, kind: 'file', description: 'x' });
    busy.cases.addNote(other, 'n');
    const result = importCase(busy, JSON.parse(first));
    assert.ok(result.renumbered >= 3);
    const again = exportCase(busy, id);
    assert.equal(again.actions[1]?.undoes, again.actions[0]?.id);
    assert.equal(again.evidence[0]?.actionId, again.actions[0]?.id);
    assert.equal(again.evidence[0]?.custody.length, 2);
    assert.equal(again.notes[0]?.text, `attacker agent: ${HOSTILE}`);
  });

  it('refuses a malformed export without writing anything', () => {
    const store = CaseStore.open(':memory:');
    assert.throws(
      () => importCase(store, { format: 'garrison-case', version: 1 }),
      /not a garrison case export: case/,
    );
    assert.throws(() => importCase(store, []), /not a garrison case export/);
    const doc = {
      format: 'garrison-case',
      version: 1,
      case: {
        id: 'case-20261119-abcd',
        title: 't',
        status: 'open',
        severity: 'low',
        summary: '',
        createdBy: 'a',
        createdAt: 'x',
        detectedAt: null,
        containedAt: null,
        recoveredAt: null,
        closedAt: null,
      },
      actions: [],
      evidence: [],
      notes: [{ id: 1, author: 'a', text: 't', createdAt: 'x' }],
      findings: [],
      iocs: [
        { kind: 'ipv4', value: '1.2.3.4', source: '', first: 'x', last: 'x', count: 1 },
        { kind: 'ipv4', value: '1.2.3.4', source: '', first: 'x', last: 'x', count: 1 },
      ],
    };
    assert.throws(() => importCase(store, doc), /UNIQUE/);
    assert.equal(store.cases.list().length, 0, 'nothing half-imported');
    assert.equal(store.cases.notes('case-20261119-abcd').length, 0);
  });
});
