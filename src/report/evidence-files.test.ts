import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CaseStore } from '../cases/store.js';
import { reportInput } from './case-input.js';
import { keepMaliciousEvents, keepReadinessAudit } from './evidence-files.js';
import { attackEvents } from './fixture.test-data.js';

describe('keeping the events and the audit a report reads', () => {
  let dir: string;
  let store: CaseStore;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-report-keep-'));
    store = CaseStore.open(join(dir, 'cases.db'));
  });
  after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes owner-only files with their hash and custody, and the report reads them back', () => {
    const kase = store.cases.create({ title: 'keep' });
    const events = attackEvents(Date.parse('2026-11-20T08:00:00Z'));
    const item = keepMaliciousEvents(store, kase.id, events, {
      dir: join(dir, 'evidence'),
      collectedBy: 'alice',
    });
    assert.equal(item.kind, 'cloudtrail-events');
    assert.match(item.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(statSync(item.location as string).mode & 0o777, 0o600);
    assert.deepEqual(
      store.evidence.custody(item.id).map((c) => [c.event, c.actor]),
      [['collected', 'alice']],
    );
    keepReadinessAudit(
      store,
      kase.id,
      {
        score: 40,
        checks: [
          {
            id: 'guardduty-enabled',
            region: 'us-east-1',
            status: 'fail',
            detail: 'off',
            remediation: 'enable it',
          },
        ],
      },
      { dir: join(dir, 'evidence') },
    );
    const input = reportInput(store, kase.id);
    assert.equal(input.events.length, events.length);
    assert.equal(input.eventSources[0]?.hashMatches, true);
    assert.equal(input.audit?.score, 40);
    assert.equal(input.audit?.checks[0]?.remediation, 'enable it');

    writeFileSync(item.location as string, JSON.stringify({ Records: events.slice(1) }));
    assert.equal(reportInput(store, kase.id).eventSources[0]?.hashMatches, false, 'a changed file is caught');
  });

  it('refuses a case that does not exist, writing nothing', () => {
    assert.throws(
      () => keepMaliciousEvents(store, 'case-20260101-zzzz', [], { dir: join(dir, 'none') }),
      /no case/,
    );
    assert.throws(() => statSync(join(dir, 'none')), /ENOENT/);
  });
});
