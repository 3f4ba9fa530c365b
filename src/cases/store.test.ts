import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { isCaseId, newCaseId } from './cases.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from './migrations.js';
import { defaultCaseStorePath, resolveCaseStorePath } from './paths.js';
import { CaseStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'garrison-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const HOSTILE = "'); DROP TABLE cases; --\u001b[31m\u0000<script>alert(1)</script>";

describe('case store: opening and migrations', () => {
  it('creates a new store with WAL, foreign keys and the latest schema', () => {
    const store = CaseStore.open(join(dir, 'nested', 'new.db'));
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.ok(Number(store.db.pragma('busy_timeout', { simple: true })) >= 1000);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    for (const t of ['actions', 'cases', 'custody_events', 'evidence', 'findings', 'iocs', 'notes'])
      assert.ok(tables.includes(t), t);
    if (process.platform !== 'win32') {
      assert.equal(
        statSync(join(dir, 'nested', 'new.db')).mode & 0o777,
        0o600,
        'only the owner reads the case store',
      );
    }
    store.close();
  });

  it('migrates a store made by an older garrison and keeps its data', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(old, 1);
    old
      .prepare(
        "INSERT INTO cases (id, title, status, severity, created_by, created_at) VALUES ('case-20260101-abcd', 'old', 'open', 'high', 'me', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    old.close();
    const store = CaseStore.open(path);
    assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(store.cases.get('case-20260101-abcd').severity, 'high');
    assert.equal(store.cases.addNote('case-20260101-abcd', 'migrated fine').text, 'migrated fine');
    store.close();
    assert.equal(CaseStore.open(path).cases.list().length, 1, 'opening again migrates nothing twice');
  });

  it('refuses a store from a newer garrison, and a file that is not a database', () => {
    const path = join(dir, 'future.db');
    const future = new Database(path);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    assert.throws(() => CaseStore.open(path), /newer than this garrison knows/);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all, just text that is long enough to be a header.....');
    assert.throws(() => CaseStore.open(junk), /not a usable case store|cannot open/);
  });

  it('rolls a failed migration back entirely', () => {
    const db = new Database(':memory:');
    const broken = [MIGRATIONS[0] as string, 'CREATE TABLE notes (x); CREATE TABLE notes (y);'];
    assert.throws(() => migrate(db, 2, broken), /already exists/);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get(), 0);
    assert.equal(db.pragma('user_version', { simple: true }), 0);
  });

  it('resolves the path from --db, then GARRISON_DB, then ~/.garrison/garrison.db', () => {
    assert.equal(resolveCaseStorePath('/x/flag.db', { GARRISON_DB: '/x/env.db' }), '/x/flag.db');
    assert.equal(resolveCaseStorePath(undefined, { GARRISON_DB: '/x/env.db' }), '/x/env.db');
    assert.equal(resolveCaseStorePath(undefined, {}), defaultCaseStorePath());
    assert.match(defaultCaseStorePath(), /\.garrison[/\\]garrison\.db$/);
  });
});

describe('case store: cases', () => {
  const store = CaseStore.open(':memory:');

  it('opens a case with a readable id and moves it through its statuses, stamping the times once', () => {
    const kase = store.cases.create({
      title: 'Crypto-miner on web-1',
      severity: 'high',
      detectedAt: '2026-11-01T10:00:00Z',
    });
    assert.ok(isCaseId(kase.id), kase.id);
    assert.equal(kase.status, 'open');
    assert.equal(kase.detectedAt, '2026-11-01T10:00:00.000Z');
    const contained = store.cases.setStatus(kase.id, 'contained');
    assert.ok(contained.containedAt);
    const first = contained.containedAt;
    store.cases.setStatus(kase.id, 'recovered');
    assert.equal(
      store.cases.setStatus(kase.id, 'contained').containedAt,
      first,
      'the first containment time stays',
    );
    const closed = store.cases.close(kase.id, 'miner removed');
    assert.equal(closed.status, 'closed');
    assert.equal(closed.summary, 'miner removed');
    assert.throws(() => store.cases.setStatus(kase.id, 'open'), /is closed/);
  });

  it('rejects bad input: empty title, unknown severity, a detected time that is not a time, an unknown case', () => {
    assert.throws(() => store.cases.create({ title: '   ' }), /needs a title/);
    assert.throws(
      () => store.cases.create({ title: 'x', severity: 'apocalyptic' as never }),
      /unknown severity/,
    );
    assert.throws(() => store.cases.create({ title: 'x', detectedAt: 'yesterday' }), /not a date/);
    assert.throws(() => store.cases.get('case-20260101-zzzz'), /no case/);
  });

  it('stores hostile text verbatim (parameters, never SQL)', () => {
    const kase = store.cases.create({ title: HOSTILE, summary: HOSTILE });
    assert.equal(store.cases.get(kase.id).title, HOSTILE.trim());
    assert.ok(store.cases.list().length >= 2);
  });

  it('makes ids like case-YYYYMMDD-xxxx', () => {
    assert.match(newCaseId(new Date('2026-03-04T23:59:00Z')), /^case-20260304-[a-z2-9]{4}$/);
  });
});

describe('case store: journal and evidence', () => {
  const store = CaseStore.open(':memory:');
  const caseId = store.cases.create({ title: 'journal' }).id;
  const actor = { arn: 'arn:aws:iam::111122223333:user/responder', localUser: 'alice' };

  it('writes the plan and before-state first, then merges the result and request ids', () => {
    const id = store.journal.start({
      caseId,
      runId: 'run-1',
      kind: 'apply',
      playbook: 'ec2',
      stepId: 'isolate',
      target: 'i-1',
      targetDetail: { id: 'i-1', region: 'eu-west-1' },
      region: 'eu-west-1',
      summary: 'isolate',
      plan: { groups: ['sg-iso'] },
      before: { groups: ['sg-web'] },
      actor,
    });
    assert.equal(store.journal.get(id).status, 'started');
    assert.equal(store.journal.get(id).finishedAt, null);
    store.journal.finish(id, { status: 'applied', requestIds: ['r1'], output: { ok: 1 } });
    const done = store.journal.finish(id, {
      status: 'verified',
      requestIds: ['r2', 'r1'],
      verifyOk: true,
      verifyDetail: 'only sg-iso',
    });
    assert.deepEqual(done.requestIds, ['r1', 'r2']);
    assert.deepEqual(done.output, { ok: 1 });
    assert.deepEqual(done.before, { groups: ['sg-web'] });
    assert.deepEqual(done.targetDetail, { id: 'i-1', region: 'eu-west-1' });
    assert.equal(done.actorArn, actor.arn);
    assert.equal(done.localUser, 'alice');
    assert.equal(store.journal.latestApply(caseId, 'ec2', 'i-1', 'isolate')?.id, id);
    assert.throws(() => store.journal.finish(9999, { status: 'failed' }), /no journal entry/);
  });

  it('refuses journal entries and evidence for a case that does not exist (foreign keys)', () => {
    assert.throws(
      () =>
        store.journal.start({
          caseId: 'case-nope',
          runId: 'r',
          kind: 'apply',
          playbook: 'p',
          stepId: 's',
          target: 't',
          summary: '',
          actor,
        }),
      /FOREIGN KEY/,
    );
    assert.throws(
      () => store.evidence.add({ caseId: 'case-nope', kind: 'file', description: 'x' }),
      /FOREIGN KEY/,
    );
  });

  it('keeps evidence and its chain of custody append-only', () => {
    const item = store.evidence.add({
      caseId,
      kind: 'console-output',
      awsIds: ['i-1'],
      description: HOSTILE,
      sha256: 'A'.repeat(64),
      location: '/cases/x/console.txt',
      collectedBy: 'alice',
    });
    assert.equal(item.sha256, 'a'.repeat(64));
    store.evidence.recordCustody(item.id, 'transferred', 'bob', 'to the forensics bucket');
    assert.deepEqual(
      store.evidence.custody(item.id).map((e) => [e.event, e.actor]),
      [
        ['collected', 'alice'],
        ['transferred', 'bob'],
      ],
    );
    assert.throws(() => store.db.prepare('UPDATE evidence SET sha256 = NULL').run(), /append-only/);
    assert.throws(() => store.db.prepare('DELETE FROM evidence').run(), /append-only/);
    assert.throws(() => store.db.prepare('DELETE FROM custody_events').run(), /append-only/);
    assert.throws(
      () => store.evidence.add({ caseId, kind: 'file', description: 'x', sha256: 'not-a-digest' }),
      /not a SHA-256/,
    );
    assert.equal(store.evidence.forCase(caseId).length, 1);
  });

  it('runs a transaction all or nothing', () => {
    const before = store.cases.list().length;
    assert.throws(() =>
      store.transaction(() => {
        store.cases.create({ title: 'half' });
        throw new Error('boom');
      }),
    );
    assert.equal(store.cases.list().length, before);
  });
});
