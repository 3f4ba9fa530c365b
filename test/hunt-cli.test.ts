import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, runCli } from './helpers/run-cli.js';

/** Anything a terminal would act on: C0 (except LF), DEL, C1, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const SIGMAHQ = fileURLToPath(new URL('../../../shared/data/sigma-aws-cloudtrail/', import.meta.url));
const haveSigmaHQ = existsSync(SIGMAHQ) ? undefined : 'the shared SigmaHQ rules are absent';

interface JsonFinding {
  id: string;
  rule: {
    id: string;
    title: string;
    severity: string;
    mitre: string[];
    stratus: string[];
    guardduty: string[];
  };
  severity: string;
  principal: string;
  resources: string[];
  source_ips: string[];
  first_seen: string;
  last_seen: string;
  count: number;
  event_ids: string[];
}

function record(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    eventTime: '2026-03-14T09:00:00Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.66',
    userAgent: 'aws-cli/2.15.30',
    userIdentity: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/mallory',
      accountId: '111122223333',
      userName: 'mallory',
    },
    requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main' },
    eventID: 'ev-stop-1',
    recipientAccountId: '111122223333',
    ...fields,
  };
}

describe('garrison hunt (CLI) on the bundled sample', () => {
  it('tells the attack story as JSON findings', async () => {
    const r = await runCli(['hunt', 'samples/', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { findings: JsonFinding[]; summary: Record<string, number> };
    assert.ok((doc.summary.records ?? 0) > 500, `${doc.summary.records} records`);
    assert.ok((doc.summary.rules ?? 0) >= 60);
    const byRule = (id: string) => doc.findings.filter((f) => f.rule.id === id);
    const stopped = byRule('garrison-aws-cloudtrail-stopped');
    assert.equal(stopped.length, 1);
    assert.match(stopped[0]?.principal ?? '', /user\/svc-backup-monitor$/);
    assert.deepEqual(stopped[0]?.source_ips, ['203.0.113.66']);
    assert.equal(stopped[0]?.severity, 'high');
    assert.ok(stopped[0]?.event_ids.length === 1);
    const stolen = byRule('garrison-aws-instance-credentials-used-outside-aws');
    assert.ok(stolen.length >= 1, 'the stolen instance credentials are found');
    assert.ok(
      stolen.every((f) => f.principal.includes('assumed-role/web-instance-role/i-0a1b2c3d4e5f67890')),
    );
    assert.ok(byRule('garrison-aws-s3-bucket-made-public').length >= 1);
    assert.ok(byRule('garrison-aws-iam-admin-policy-attached').length >= 1);
    for (const f of doc.findings) {
      assert.ok(f.count >= 1 && f.event_ids.length >= 1 && f.first_seen <= f.last_seen, f.id);
      assert.deepEqual(Object.keys(f.rule), ['id', 'title', 'severity', 'mitre', 'stratus', 'guardduty']);
    }
    assert.match(r.stderr, /hunt: \d+ rules, \d+ findings \(\d+ high/);
  });
  it('--fail-on sets exit status 3 only when a finding reaches the severity', async () => {
    const high = await runCli([
      'hunt',
      'samples/',
      '--format',
      'ndjson',
      '--fail-on',
      'high',
      '--no-stateful',
    ]);
    assert.equal(high.status, 3, high.stderr);
    const critical = await runCli([
      'hunt',
      'samples/',
      '--format',
      'ndjson',
      '--fail-on',
      'critical',
      '--only',
      'low',
    ]);
    assert.equal(critical.status, 0, critical.stderr);
    assert.ok(
      critical.stdout
        .trim()
        .split('\n')
        .every((line) => JSON.parse(line).severity === 'low'),
    );
  });
  it('writes OCSF, ASFF and CSV', async () => {
    const ocsf = await runCli([
      'hunt',
      'samples/',
      '--format',
      'ocsf',
      '--only',
      'garrison-aws-cloudtrail-stopped',
    ]);
    assert.equal(ocsf.status, 0, ocsf.stderr);
    const [o] = JSON.parse(ocsf.stdout) as Record<string, unknown>[];
    assert.equal(o?.class_uid, 2004);
    const asff = await runCli([
      'hunt',
      'samples/',
      '--format',
      'asff',
      '--only',
      'garrison-aws-cloudtrail-stopped',
    ]);
    const { Findings } = JSON.parse(asff.stdout) as { Findings: Record<string, unknown>[] };
    assert.equal(Findings.length, 1);
    assert.equal(Findings[0]?.AwsAccountId, '111122223333');
    const csv = await runCli(['hunt', 'samples/', '--format', 'csv', '--only', 'high', '--no-stateful']);
    assert.match(csv.stdout.split('\n')[0] ?? '', /^id,severity,rule_id,rule_title,mitre/);
  });
});

describe('garrison hunt (CLI) with user rules and bad input', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-hunt-'));
    mkdirSync(join(dir, 'bad-rules'));
    writeFileSync(
      join(dir, 'bad-rules', 'correlated.yml'),
      'title: t\ncorrelation:\n  type: event_count\n  rules: [x]\n  timespan: 5m\n',
    );
    mkdirSync(join(dir, 'my-rules'));
    writeFileSync(
      join(dir, 'my-rules', 'kali_user_agent.yml'),
      'title: Kali user agent\nid: 11111111-2222-4333-8444-555555555555\nlevel: critical\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  selection:\n    userAgent|contains: kali\n  condition: selection\n',
    );
    const hostile = record({
      eventID: 'ev-hostile',
      userAgent: 'aws-cli kali \u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007 \u001b[2J',
      userIdentity: { type: 'IAMUser', arn: '=HYPERLINK("http://evil.example")\u202etxt.exe', userName: 'x' },
    });
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [record({}), hostile] }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a rule garrison cannot run stops the hunt, naming the file and the construct', async () => {
    const r = await runCli(['hunt', join(dir, 'trail.json'), '--rules', join(dir, 'bad-rules')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /correlated\.yml/);
    assert.match(r.stderr, /correlation rules are not supported/);
  });
  it('a --only that names no rule is a usage error, not an empty hunt', async () => {
    const r = await runCli(['hunt', join(dir, 'trail.json'), '--only', 'no-such-rule']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /names no rule/);
  });
  it('a bad option value is one error line and a pointer to --help, not the whole help', async () => {
    const r = await runCli(['hunt', join(dir, 'trail.json'), '--window', '0']);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      "error: option '--window <minutes>' argument '0' is invalid. give minutes from 1 to 43200",
      '(add --help for usage)',
    ]);
  });
  it('runs user rules beside the pack and neutralises attacker text in the table', async () => {
    const r = await runCli([
      'hunt',
      join(dir, 'trail.json'),
      '--rules',
      join(dir, 'my-rules'),
      '--format',
      'table',
      '--fail-on',
      'critical',
    ]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout, /kali_user_agent/);
    assert.match(r.stdout, /garrison-aws-cloudtrail-stopped/);
    assert.ok(!RAW_CONTROL.test(r.stdout), JSON.stringify(r.stdout));
    const csv = await runCli([
      'hunt',
      join(dir, 'trail.json'),
      '--rules',
      join(dir, 'my-rules'),
      '--format',
      'csv',
      '--only',
      'kali_user_agent',
    ]);
    assert.ok(!RAW_CONTROL.test(csv.stdout.replace(/\r?\n/g, '')), JSON.stringify(csv.stdout));
    assert.ok(!/(^|,)"?=HYPERLINK/m.test(csv.stdout), csv.stdout);
  });
  it('rules validate lists the broken rule; rules list and show describe rules', async () => {
    const bad = await runCli(['rules', 'validate', '--rules', join(dir, 'bad-rules')]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /correlated\.yml.*correlation/);
    const list = await runCli(['rules', 'list', '--format', 'json', '--rules', join(dir, 'my-rules')]);
    assert.equal(list.status, 0, list.stderr);
    const { rules } = JSON.parse(list.stdout) as { rules: { id: string; origin: string; mitre: string[] }[] };
    assert.ok(rules.some((x) => x.id === 'kali_user_agent' && x.origin === 'sigma'));
    assert.ok(rules.some((x) => x.id === 'garrison-aws-cloudtrail-stopped' && x.mitre.length > 0));
    const show = await runCli([
      'rules',
      'show',
      '11111111-2222-4333-8444-555555555555',
      '--rules',
      join(dir, 'my-rules'),
    ]);
    assert.equal(show.status, 0, show.stderr);
    assert.match(show.stdout, /Kali user agent/);
    assert.match(show.stdout, /userAgent\|contains: kali/);
  });
  it('rules test runs every rule over its own events', { skip: haveSigmaHQ }, async () => {
    const r = await runCli(['rules', 'test', '--rules', SIGMAHQ]);
    assert.equal(
      r.status,
      0,
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('ok'))
        .join('\n'),
    );
    assert.match(r.stdout, /^ok {3}garrison-aws-cloudtrail-stopped/m);
    assert.match(r.stdout, /^ok {3}aws_cloudtrail_disable_logging \(1 positive/m);
    const over = await runCli([
      'rules',
      'test',
      '--events',
      join(dir, 'trail.json'),
      '--no-pack',
      '--rules',
      SIGMAHQ,
    ]);
    assert.equal(over.status, 0, over.stderr);
    assert.match(over.stdout, /aws_cloudtrail_disable_logging: fired on 2 events/);
  });
});

void REPO_ROOT;
