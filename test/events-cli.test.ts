import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli } from './helpers/run-cli.js';
import { trailRecord } from './helpers/trail-fixtures.js';

/** Anything a terminal would act on: C0 (except LF, and CR/LF of CSV line ends), DEL, C1, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const OSC8 = '\u001b]8;;http://evil.example/\u0007click me\u001b]8;;\u0007';
const hostile = trailRecord({
  eventName: 'CreateUser',
  eventSource: 'iam.amazonaws.com',
  userAgent: `aws-cli/2.15 ${OSC8}\u001b[2J\u009b31m`,
  userIdentity: {
    type: 'IAMUser',
    userName: '=HYPERLINK("http://evil.example","x")\u202etxt.exe',
    accessKeyId: 'AKIAHOSTILE000000001',
  },
  requestParameters: { userName: '@SUM(1+1)\r\n-2+3\u001b[1A' },
  sourceIPAddress: '203.0.113.66',
});
const login = trailRecord({
  eventName: 'ConsoleLogin',
  eventSource: 'signin.amazonaws.com',
  errorCode: 'Failed authentication',
  eventTime: '2026-03-14T12:00:00Z',
  sourceIPAddress: '198.51.100.23',
});
const quiet = trailRecord({ eventName: 'ListBuckets', eventTime: '2026-03-10T08:00:00Z' });

describe('garrison events (CLI, local files)', () => {
  let dir = '';
  let good = '';
  let mixed = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-events-'));
    good = join(dir, 'good');
    mixed = join(dir, 'mixed');
    mkdirSync(good);
    mkdirSync(mixed);
    const gz = gzipSync(JSON.stringify({ Records: [hostile, login, quiet] }));
    writeFileSync(join(good, 'trail.json.gz'), gz);
    writeFileSync(join(mixed, 'trail.json.gz'), gz);
    writeFileSync(join(mixed, 'cut.json.gz'), gz.subarray(0, gz.length - 20));
    writeFileSync(join(mixed, 'evil\u001b[2J.json'), '{"Records":[{"eventTime":"2026-03-14T00:00:00Z"}]}');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints NDJSON when stdout is not a terminal, exit 0 when all input was read', async () => {
    const result = await runCli(['events', good]);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((r) => r.eventName),
      ['CreateUser', 'ConsoleLogin', 'ListBuckets'],
    );
    assert.equal(lines[0].userAgent, hostile.userAgent);
    assert.doesNotMatch(result.stdout, RAW_CONTROL);
    assert.match(result.stderr, /events: 1 files, 3 records, 3 matched, 0 rejected/);
  });

  it('--format json prints exactly one object with records and summary; rejected input gives exit 2', async () => {
    const result = await runCli(['events', mixed, '--format', 'json']);
    assert.equal(result.status, 2, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(out), ['records', 'summary']);
    // The truncated copy may still yield records before the cut: they are kept, the file is rejected.
    assert.ok(out.records.length >= 3);
    assert.equal(out.records[0].userAgent, hostile.userAgent);
    assert.deepEqual(Object.keys(out.summary), ['files', 'records', 'matched', 'rejected', 'errors']);
    assert.equal(out.summary.matched, out.records.length);
    assert.ok(out.summary.rejected >= 2);
    const locations = out.summary.errors.map((e: { location: string }) => e.location).join('\n');
    assert.match(locations, /cut\.json\.gz/);
    assert.match(locations, /evil\u001b\[2J\.json/);
    assert.doesNotMatch(result.stdout, RAW_CONTROL);
  });

  it('the stderr summary lists each rejection with location and reason, neutralised', async () => {
    const result = await runCli(['events', mixed, '--format', 'ndjson']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /rejected \S*cut\.json\.gz.*: /);
    assert.match(result.stderr, /rejected \S*evil\\x1b\[2J\.json/);
    assert.doesNotMatch(result.stderr, RAW_CONTROL);
  });

  it('--format table: the six columns, hostile text escaped, no escape sequence reaches the terminal', async () => {
    const result = await runCli([
      'events',
      good,
      '--format',
      'table',
      '--principal',
      '=HYPERLINK("http://evil.example","x")\u202etxt.exe',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const [header, row, extra] = result.stdout.split('\n');
    assert.match(header!, /^TIME\s+PRINCIPAL\s+SOURCE IP\s+EVENT\s+REGION\s+ERROR$/);
    assert.match(
      row!,
      /^2026-03-14T10:00:00Z\s+…\S*"x"\)\\u202etxt\.exe\s+203\.0\.113\.66\s+iam:CreateUser\s+us-east-1\s+-$/,
    );
    assert.equal(extra, '');
    assert.doesNotMatch(result.stdout, RAW_CONTROL);
  });

  it('--format csv: formula cells defused, control characters escaped, RFC 4180 quoting', async () => {
    const result = await runCli(['events', good, '--format', 'csv', '--event-name', 'CreateUser']);
    assert.equal(result.status, 0, result.stderr);
    const [header, row] = result.stdout.split('\r\n');
    assert.match(header!, /^eventTime,principal,userName,/);
    assert.match(row!, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)\\u202etxt\.exe",/);
    assert.match(row!, /,"\{""userName"":""@SUM\(1\+1\)\\r\\n-2\+3\\u001b\[1A""\}",/);
    assert.match(row!, /,aws-cli\/2\.15 \\x1b\]8;;http:\/\/evil\.example\/\\x07click me/);
    assert.doesNotMatch(result.stdout, RAW_CONTROL);
  });

  it('filters by time, IP, errors and --where; relative times work', async () => {
    const byTime = await runCli([
      'events',
      good,
      '--since',
      '2026-03-14T11:00:00Z',
      '--until',
      '2026-03-14T13:00:00Z',
    ]);
    assert.deepEqual(
      byTime.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).eventName),
      ['ConsoleLogin'],
    );
    const errors = await runCli(['events', good, '--errors', '--ip', '198.51.100.23']);
    assert.equal(JSON.parse(errors.stdout).eventName, 'ConsoleLogin');
    const where = await runCli([
      'events',
      good,
      '--where',
      'userIdentity.accessKeyId=AKIAHOSTILE000000001',
      '--where',
      'eventName!=ListBuckets',
    ]);
    assert.equal(JSON.parse(where.stdout).eventName, 'CreateUser');
    const recent = await runCli(['events', good, '--since', '1h']);
    assert.equal(recent.status, 0);
    assert.equal(recent.stdout, '');
    assert.match(recent.stderr, /3 records, 0 matched/);
  });

  it('reads stdin with -', async () => {
    const input = `${JSON.stringify(login)}\n${JSON.stringify(quiet)}\n`;
    const result = await runCli(['events', '-', '--event-name', 'ListBuckets'], { input });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).eventName, 'ListBuckets');
  });

  it('--output FILE writes there (format from the extension) and nothing to stdout', async () => {
    const file = join(dir, 'out.csv');
    const result = await runCli(['events', good, '--output', file]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    const csv = readFileSync(file, 'utf8').split('\r\n');
    assert.equal(csv.length, 5);
    assert.match(csv[0]!, /^eventTime,/);
    const bad = await runCli(['events', good, '--output', join(dir, 'no', 'such', 'dir', 'x.json')]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /cannot write --output/);
  });

  it('--strict stops at the first bad input with exit 1 and names it', async () => {
    const result = await runCli(['events', join(mixed, 'cut.json.gz'), '--strict']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /garrison: .*cut\.json\.gz.*/);
    assert.match(result.stderr, /hint: without --strict/);
    const clean = await runCli(['events', good, '--strict']);
    assert.equal(clean.status, 0);
  });

  it('exit 1 with a hint on usage errors: unknown source, missing path, bad time, bad account, bad --where', async () => {
    const cases: [string[], RegExp][] = [
      [['events', 'ftp://host/trail'], /unknown source/],
      [['events', join(dir, 'missing')], /no such file or folder/],
      [['events', good, '--since', 'yesterday'], /not a time/],
      [['events', good, '--since', '2026-03-15', '--until', '2026-03-14'], /is after --until/],
      [['events', good, '--account', '12345'], /not an account id/],
      [['events', good, '--region-filter', 'mars-1'], /not a region/],
      [['events', good, '--where', 'no operator'], /not a --where clause/],
      [['events', good, '--format', 'xml'], /Allowed choices are table, json, ndjson, csv/],
    ];
    // Concurrently: each is a separate node start-up.
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i]!;
      assert.equal(result.status, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  });

  it('--help documents the exit status with an example', async () => {
    const result = await runCli(['events', '--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /Exit status:\n\s+0 .*\n\s+1 .*\n\s+2 /);
    assert.match(result.stdout, /Examples:\n\s+garrison events /);
  });
});
