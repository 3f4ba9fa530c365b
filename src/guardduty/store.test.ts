import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportCase, importCase } from '../cases/export.js';
import { CaseStore } from '../cases/store.js';
import { toGarrisonFinding } from './convert.js';
import * as fx from './fixtures.test-data.js';
import { parseGuardDutyFinding } from './schema.js';
import { assignGuardDutyFinding, guardDutyFindingById, saveGuardDutyFindings } from './store.js';

function garrison(raw: Record<string, unknown>) {
  const r = parseGuardDutyFinding(raw, 't');
  if (!r.ok) throw new Error(r.rejected.reason);
  return toGarrisonFinding(r.finding);
}

describe('GuardDuty findings in the case store', () => {
  it('saves unassigned, deduplicates by finding id, keeps the case, and finds by GuardDuty id', () => {
    const store = CaseStore.open(':memory:');
    try {
      const raw = fx.exfiltrationFinding();
      assert.deepEqual(saveGuardDutyFindings(store, [garrison(raw)]), { added: 1, updated: 0 });
      const c = store.cases.create({ title: 'exfil', severity: 'high' });
      assignGuardDutyFinding(store, garrison(raw), c.id);
      // GuardDuty updated the finding (more events); pulled again without a case: same row, same case.
      const again = { ...raw, service: { ...(raw.service as object), count: 9 } };
      assert.deepEqual(saveGuardDutyFindings(store, [garrison(again)]), { added: 0, updated: 1 });
      const stored = guardDutyFindingById(store, raw.id as string);
      assert.equal(stored.caseId, c.id);
      assert.equal(stored.finding.count, 9);
      assert.equal(stored.finding.guardduty.resource.instanceDetails?.instanceId, 'i-0c1b2c3d4e5f67890');
      assert.deepEqual(
        store.findings.forCase(c.id).map((f) => [f.source, f.sourceId]),
        [['guardduty', raw.id]],
      );
    } finally {
      store.close();
    }
  });

  it('refuses an unknown case and an unknown finding id', () => {
    const store = CaseStore.open(':memory:');
    try {
      assert.throws(() => saveGuardDutyFindings(store, [garrison(fx.ec2Finding())], 'case-nope'), /no case/);
      assert.equal(store.findings.forCase(null).length, 0);
      assert.throws(() => guardDutyFindingById(store, 'abc'), /no GuardDuty finding "abc"/);
    } finally {
      store.close();
    }
  });

  it('a case exported and imported into another store keeps its GuardDuty finding, still respondable', () => {
    const from = CaseStore.open(':memory:');
    const to = CaseStore.open(':memory:');
    try {
      const raw = fx.exfiltrationFinding();
      const c = from.cases.create({ title: 'exfil', severity: 'high' });
      saveGuardDutyFindings(from, [garrison(raw)], c.id);
      const document = JSON.parse(JSON.stringify(exportCase(from, c.id)));
      importCase(to, document);
      const back = guardDutyFindingById(to, raw.id as string);
      assert.equal(back.caseId, c.id);
      assert.deepEqual(back.finding, guardDutyFindingById(from, raw.id as string).finding);
      assert.equal(back.finding.playbook, 'iam-role+ec2');
    } finally {
      from.close();
      to.close();
    }
  });
});
