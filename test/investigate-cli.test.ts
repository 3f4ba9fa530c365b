import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scenario } from '../src/investigate/scenario.test-data.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'garrison.js');
const samples = join(root, 'samples');
const dir = mkdtempSync(join(tmpdir(), 'garrison-investigate-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'cases.db');

function garrison(args: string[]) {
  const run = spawnSync(process.execPath, [bin, '--db', db, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ROLE_KEY = 'ASIACUIDUOKQOEXAMPLE';
const BACKDOOR_KEY = 'AKIADLAGAOCBOEXAMPLE';
// Bytes a terminal would act on: ESC, BEL, C1 CSI, bidi override.
const RAW_CONTROL = /[\u001b\u0007\u009b\u202e]/;

describe('garrison timeline, pivot, iocs and case investigation on samples/ (end to end)', () => {
  it('timeline follows the stolen role key to the backdoor user and its key', () => {
    const run = garrison([
      'timeline',
      samples,
      '--access-key',
      ROLE_KEY,
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(
      out.chain.links.map((l: { accessKeyId: string }) => l.accessKeyId),
      [BACKDOOR_KEY],
    );
    const names = out.timeline.map((e: { eventName: string }) => e.eventName);
    assert.equal(names[0], 'AssumeRole', 'the issuance of the starting key comes first');
    for (const n of [
      'CreateUser',
      'CreateAccessKey',
      'StopLogging',
      'DeleteDetector',
      'PutBucketPolicy',
      'ConsoleLogin',
    ])
      assert.ok(names.includes(n), n);
    const stop = out.timeline.find((e: { eventName: string }) => e.eventName === 'StopLogging');
    assert.equal(stop.accessKeyId, BACKDOOR_KEY);
    assert.equal(stop.chainDepth, 1);
    assert.ok(stop.detections.some((d: { id: string }) => d.id === 'garrison-aws-cloudtrail-stopped'));
    const times = out.timeline.map((e: { time: string }) => Date.parse(e.time));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    const csv = garrison([
      'timeline',
      samples,
      '--access-key',
      ROLE_KEY,
      '--workers',
      '1',
      '--format',
      'csv',
    ]);
    assert.equal(csv.stdout.split('\r\n')[0]?.split(',')[0], 'kind');
  });

  it('pivot answers identity, derived key, IPs, resources by action, failures and detections', () => {
    const run = garrison(['pivot', samples, '--access-key', ROLE_KEY, '--workers', '1', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const p = JSON.parse(run.stdout);
    assert.ok(
      p.identities.some((i: { value: string }) =>
        i.value.endsWith('assumed-role/web-instance-role/i-0a1b2c3d4e5f67890'),
      ),
    );
    assert.ok(p.identities.some((i: { value: string }) => i.value.endsWith('user/svc-backup-monitor')));
    assert.deepEqual(
      p.sessions.map((s: { eventName: string; depth: number }) => [s.eventName, s.depth]),
      [['CreateAccessKey', 1]],
    );
    assert.deepEqual(
      p.origins.map((o: { issuerPrincipal: string }) => o.issuerPrincipal),
      ['ec2.amazonaws.com'],
    );
    const attacker = p.sourceIps.find((s: { value: string }) => s.value === '203.0.113.66');
    assert.equal(attacker.count, 41, 'the 41 malicious events of the sample');
    assert.ok(
      p.resources.created.some((r: { value: string }) => r.value.endsWith(':user/svc-backup-monitor')),
    );
    assert.ok(p.resources.deleted.some((r: { value: string }) => r.value.includes(':trail/')));
    assert.ok(p.failedCalls.length > 0 && p.failedCalls.every((f: { errorCode: string }) => f.errorCode));
    const table = garrison([
      'pivot',
      samples,
      '--access-key',
      ROLE_KEY,
      '--workers',
      '1',
      '--format',
      'table',
    ]);
    assert.match(table.stdout, /\+1 +AKIADLAGAOCBOEXAMPLE +CreateAccessKey/);
  });

  it('a selection is required; a bad time is a usage error', () => {
    assert.equal(garrison(['pivot', samples]).code, 1);
    assert.match(
      garrison(['timeline', samples, '--ip', '1.2.3.4', '--since', 'yesterday-ish']).stderr,
      /since|time/i,
    );
  });

  it('hunt --case attaches findings once; case note/show/export/import round-trip', () => {
    const id = garrison(['case', 'new', '--title', 'web-1 role stolen', '--format', 'table']).stdout.trim();
    const first = garrison(['hunt', samples, '--workers', '1', '--case', id, '--format', 'json']);
    assert.equal(first.code, 0, first.stderr);
    const found = JSON.parse(first.stdout).findings.length;
    assert.match(first.stderr, new RegExp(`${found} findings added, 0 updated`));
    const again = garrison(['hunt', samples, '--workers', '1', '--case', id, '--format', 'json']);
    assert.match(again.stderr, new RegExp(`0 findings added, ${found} updated`));
    assert.equal(garrison(['case', 'note', id, 'role key used from 203.0.113.66']).code, 0);
    const saved = garrison([
      'iocs',
      samples,
      '--access-key',
      ROLE_KEY,
      '--workers',
      '1',
      '--case',
      id,
      '--format',
      'json',
    ]);
    assert.equal(saved.code, 0, saved.stderr);
    const shown = garrison(['case', 'show', id, '--format', 'table']);
    assert.match(shown.stdout, /FINDINGS \(\d+: \d+ high/);
    assert.match(shown.stdout, /INDICATORS/);
    assert.match(shown.stdout, /203\.0\.113\.66/);
    assert.match(shown.stdout, /role key used from/);
    const json = JSON.parse(garrison(['case', 'show', id, '--format', 'json']).stdout);
    assert.equal(json.findings.length, found);
    const file = join(dir, 'case.json');
    assert.equal(garrison(['case', 'export', id, '--output', file]).code, 0);
    const other = join(dir, 'other.db');
    const imported = spawnSync(process.execPath, [bin, '--db', other, 'case', 'import', file], {
      encoding: 'utf8',
    });
    assert.equal(imported.status, 0, imported.stderr);
    const reexport = spawnSync(process.execPath, [bin, '--db', other, 'case', 'export', id], {
      encoding: 'utf8',
    });
    assert.equal(reexport.stdout, readFileSync(file, 'utf8'));
    const fromCase = JSON.parse(garrison(['iocs', '--case', id, '--format', 'json']).stdout);
    assert.ok(
      fromCase.iocs.some(
        (i: { kind: string; value: string }) => i.kind === 'access-key' && i.value === BACKDOOR_KEY,
      ),
    );
    writeFileSync(join(dir, 'bad.json'), '{"format":"garrison-case"');
    assert.equal(garrison(['case', 'import', join(dir, 'bad.json')]).code, 1);
  });

  it('hostile user agents are inert in table and CSV, escaped in STIX, exact in JSON', () => {
    const trail = join(dir, 'hostile');
    rmSync(trail, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', trail]);
    writeFileSync(join(trail, 'trail.json'), JSON.stringify({ Records: scenario() }));
    const agent = scenario()[5]?.userAgent as string;
    const table = garrison(['timeline', trail, '--access-key', 'AKIAALICEEXAMPLE0001', '--format', 'table']);
    assert.equal(table.code, 0, table.stderr);
    assert.ok(!RAW_CONTROL.test(table.stdout), 'no raw control characters in the table');
    const csv = garrison(['iocs', trail, '--ip', '192.0.2.44', '--format', 'csv']).stdout;
    assert.ok(!RAW_CONTROL.test(csv));
    assert.ok(
      !/(^|,)"?[=+\-@]/m.test(csv.replace(/^'/gm, '')) || csv.includes("'"),
      'formula cells are prefixed',
    );
    const stix = JSON.parse(garrison(['iocs', trail, '--ip', '192.0.2.44', '--format', 'stix']).stdout);
    assert.equal(stix.type, 'bundle');
    assert.match(stix.id, /^bundle--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ua = stix.objects.find(
      (o: { pattern?: string }) => o.pattern?.includes('User-Agent') && o.pattern.includes('OR'),
    );
    assert.ok(ua.pattern.includes("\\' OR \\'1\\'=\\'1 \\\\'"), ua.pattern);
    const json = JSON.parse(garrison(['iocs', trail, '--ip', '192.0.2.44', '--format', 'json']).stdout);
    assert.ok(
      json.iocs.some((i: { value: string }) => i.value === agent),
      'JSON keeps the exact value',
    );
  });
});
