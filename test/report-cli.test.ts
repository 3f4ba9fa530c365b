import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildFixtureCase } from '../src/report/fixture.test-data.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'garrison.js');

function garrison(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', NO_COLOR: '1' },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('garrison report (end to end)', () => {
  let dir: string;
  let db: string;
  let caseId: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-report-cli-'));
    const fixture = buildFixtureCase(dir);
    db = fixture.store.path;
    caseId = fixture.caseId;
    fixture.store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each format; the file is readable by its owner only', async () => {
    const html = join(dir, 'report.html');
    const [md, written, json] = await Promise.all([
      garrison(['--db', db, 'report', caseId]),
      garrison(['--db', db, 'report', caseId, '--format', 'html', '--output', html]),
      garrison(['--db', db, 'report', caseId, '--format', 'json']),
    ]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Incident report: /);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.match(written.stderr, /written to .*report\.html \(html\)/);
    assert.equal(statSync(html).mode & 0o777, 0o600);
    assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>[\s\S]*Content-Security-Policy/);
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { case: { id: string } }).case.id, caseId);
  });

  it('refuses an unknown case, an unknown format and an unwritable output', async () => {
    const [unknown, format, unwritable] = await Promise.all([
      garrison(['--db', db, 'report', 'case-20260101-zzzz']),
      garrison(['--db', db, 'report', caseId, '--format', 'pdf']),
      garrison(['--db', db, 'report', caseId, '--output', join(dir, 'no', 'such', 'dir', 'r.md')]),
    ]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no case "case-20260101-zzzz"/);
    assert.notEqual(format.code, 0);
    assert.match(format.stderr, /pdf/);
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.stderr, /cannot write --output/);
  });

  it('exits 2 with a warning when the events no longer match their hash', async () => {
    writeFileSync(join(dir, 'events.json'), JSON.stringify({ Records: [] }));
    const run = await garrison(['--db', db, 'report', caseId, '--format', 'md']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /warning: evidence #\d+: SHA-256 does not match/);
    assert.match(run.stdout, /SHA-256 DOES NOT MATCH/);
  });
});
