import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CaseStore } from '../src/cases/store.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'garrison.js');
const dir = mkdtempSync(join(tmpdir(), 'garrison-cli-case-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function garrison(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GARRISON_DB: join(dir, 'env.db'), AWS_EC2_METADATA_DISABLED: 'true', ...env },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const HOSTILE = 'evil\u001b]8;;http://x\u0007title\u202e';

describe('garrison case (end to end)', () => {
  const db = join(dir, 'cli.db');

  it('opens, lists, shows and closes a case', () => {
    const opened = garrison([
      '--db',
      db,
      'case',
      'new',
      '--title',
      'Miner on web-1',
      '--severity',
      'high',
      '--format',
      'table',
    ]);
    assert.equal(opened.code, 0, opened.stderr);
    const id = opened.stdout.trim();
    assert.match(id, /^case-\d{8}-[a-z0-9]{4}$/);
    assert.match(opened.stderr, /opened case/);

    const listed = garrison(['--db', db, 'case', 'list', '--format', 'json']);
    assert.equal(listed.code, 0);
    const cases = JSON.parse(listed.stdout).cases as { id: string; status: string; severity: string }[];
    assert.deepEqual(
      cases.map((c) => [c.id, c.status, c.severity]),
      [[id, 'open', 'high']],
    );

    const shown = garrison(['--db', db, 'case', 'show', id, '--format', 'json']);
    const dossier = JSON.parse(shown.stdout);
    assert.equal(dossier.case.title, 'Miner on web-1');
    assert.deepEqual(dossier.actions, []);
    assert.deepEqual(dossier.evidence, []);

    const table = garrison(['--db', db, 'case', 'show', id, '--format', 'table']);
    assert.match(table.stdout, /\[open\]\s+severity high/);
    assert.match(table.stdout, /ACTIONS \(0\)/);

    assert.equal(garrison(['--db', db, 'case', 'note', id, 'web-1 reimaged from the golden AMI']).code, 0);
    const noted = JSON.parse(garrison(['--db', db, 'case', 'show', id, '--format', 'json']).stdout);
    assert.equal(noted.notes[0].text, 'web-1 reimaged from the golden AMI');

    const closed = garrison(['--db', db, 'case', 'close', id, '--summary', 'reimaged', '--format', 'json']);
    assert.equal(JSON.parse(closed.stdout).status, 'closed');
    const open = garrison(['--db', db, 'case', 'list', '--status', 'open', '--format', 'json']);
    assert.deepEqual(JSON.parse(open.stdout).cases, []);
  });

  it('uses GARRISON_DB when --db is not given', () => {
    const opened = garrison(['case', 'new', '--title', 'from env', '--format', 'json']);
    assert.equal(opened.code, 0, opened.stderr);
    const store = CaseStore.open(join(dir, 'env.db'));
    assert.equal(store.cases.list()[0]?.title, 'from env');
    store.close();
  });

  it('shows journal and evidence with hostile text neutralised in the table, exact in JSON', () => {
    const store = CaseStore.open(db);
    const id = store.cases.create({ title: HOSTILE }).id;
    const action = store.journal.start({
      caseId: id,
      runId: 'run-1',
      kind: 'apply',
      playbook: 'ec2',
      stepId: 'tag',
      target: 'i-1',
      summary: `tag ${HOSTILE}`,
      actor: { localUser: 'alice' },
    });
    store.journal.finish(action, { status: 'verified', verifyOk: true });
    store.evidence.add({
      caseId: id,
      actionId: action,
      kind: 'console-output',
      awsIds: ['i-1'],
      description: HOSTILE,
      sha256: 'b'.repeat(64),
    });
    store.close();
    const table = garrison(['--db', db, 'case', 'show', id, '--format', 'table']);
    assert.equal(table.code, 0);
    assert.ok(
      !table.stdout.includes('\u001b') &&
        !table.stdout.includes('\u0007') &&
        !table.stdout.includes('\u202e'),
    );
    assert.match(table.stdout, /evil\\x1b\]8;;http:\/\/x\\x07title\\u202e/);
    assert.match(table.stdout, /ec2:tag/);
    assert.match(table.stdout, /collected by/);
    const json = JSON.parse(garrison(['--db', db, 'case', 'show', id, '--format', 'json']).stdout);
    assert.equal(json.case.title, HOSTILE);
    assert.equal(json.evidence[0].custody[0].event, 'collected');
    assert.equal(json.actions[0].status, 'verified');
  });

  it('fails with exit status 1 and a message for bad input', () => {
    const unknown = garrison(['--db', db, 'case', 'show', 'case-20990101-zzzz']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no case "case-20990101-zzzz"/);
    const badSeverity = garrison(['--db', db, 'case', 'new', '--title', 'x', '--severity', 'apocalyptic']);
    assert.equal(badSeverity.code, 1);
    const noTitle = garrison(['--db', db, 'case', 'new']);
    assert.equal(noTitle.code, 1);
    assert.match(noTitle.stderr, /--title/);
    const badDb = garrison(['--db', join(dir, 'cli.db', 'inside-a-file.db'), 'case', 'list']);
    assert.equal(badDb.code, 1);
    assert.match(badDb.stderr, /cannot open the case store/);
  });
});

describe('garrison release (end to end)', () => {
  const db = join(dir, 'release.db');

  it('says there is nothing to release for a case without changes', () => {
    const store = CaseStore.open(db);
    const id = store.cases.create({ title: 'quiet' }).id;
    store.close();
    const run = garrison(['--db', db, 'release', id, '--format', 'table']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /nothing to release/);
  });

  it('lists journaled changes it cannot match to a step, and exits 2 without changing anything', () => {
    const store = CaseStore.open(db);
    const id = store.cases.create({ title: 'old playbook' }).id;
    const entry = store.journal.start({
      caseId: id,
      runId: 'run-1',
      kind: 'apply',
      playbook: 'retired-playbook',
      stepId: 'isolate',
      target: 'i-1',
      summary: 'isolate',
      actor: { localUser: 'alice' },
    });
    store.journal.finish(entry, { status: 'verified', verifyOk: true });
    store.close();
    const run = garrison(['--db', db, 'release', id, '--apply', '--yes', '--format', 'json']);
    assert.equal(run.code, 2, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.outcomes[0].status, 'unknown-step');
    assert.equal(result.applying, false, 'nothing to undo, so nothing was applied');
    const after = CaseStore.open(db);
    assert.equal(after.journal.forCase(id).filter((e) => e.kind === 'undo').length, 0);
    after.close();
    const bad = garrison(['--db', db, 'release', id, '--step', 'not-a-step']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /no journaled step "not-a-step"/);
  });
});
