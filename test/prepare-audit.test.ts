import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, StopLoggingCommand, UpdateTrailCommand } from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchLogsClient,
  DeleteMetricFilterCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AwsClients } from '../src/aws/clients.js';
import { type PrepareIo, runAudit, runTestFilters } from '../src/cli/commands/prepare.js';
import { auditReadiness } from '../src/prepare/audit.js';
import { READINESS_CHECKS } from '../src/prepare/checks/index.js';
import { CIS_METRIC_NAMESPACE, cisFilter } from '../src/prepare/cis/patterns.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { buildAlarmChain, buildRegionReadiness, buildResponderKit } from './prepare-account.js';

const REGIONS = ['us-east-1', 'eu-west-1'];

const MOTO_404 =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>\n';
const MOTO_500 =
  '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error.</p>\n';

/** Captures what a prepare command writes, as the CLI would print it. */
function capture(): PrepareIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTerminal: false,
    out: (text: string) => {
      io.stdout += text;
    },
    err: (text: string) => {
      io.stderr += text;
    },
  };
  return io;
}

describe('prepare audit on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  async function prepareAccount() {
    const clients = moto.clients();
    const account = await clients.accountId();
    const { topicArn } = await buildAlarmChain(clients, account);
    for (const region of REGIONS) await buildRegionReadiness(clients, region, topicArn);
    await buildResponderKit(clients, account);
    return clients;
  }

  it('scores a bare account low and names every failing check (JSON exactly as specified)', async () => {
    const run = capture();
    const status = await runAudit(moto.clients(), { format: 'json', regions: REGIONS, failUnder: 50 }, run);
    assert.equal(status, 3, run.stderr);
    const report = JSON.parse(run.stdout) as { score: number; checks: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(report), ['score', 'checks']);
    assert.ok(report.score < 20, `bare account scored ${report.score}`);
    for (const c of report.checks) {
      assert.deepEqual(Object.keys(c), ['id', 'region', 'status', 'detail', 'remediation']);
      assert.ok(['pass', 'fail', 'error', 'not_applicable'].includes(c.status as string));
    }
    const failing = new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id));
    for (const id of [
      'cloudtrail-multi-region-logging',
      'cloudtrail-log-file-validation',
      'cloudtrail-cloudwatch-logs',
      'cloudwatch-alarm-root-usage',
      'cloudwatch-alarm-organizations-changes',
      'guardduty-enabled',
      'guardduty-findings-routed',
      'ebs-default-encryption',
      'forensic-evidence-bucket',
      'responder-role',
    ]) {
      assert.ok(failing.has(id), `${id} should fail on a bare account`);
    }
    const guardduty = report.checks.filter((c) => c.id === 'guardduty-enabled').map((c) => c.region);
    assert.deepEqual(guardduty.sort(), REGIONS.slice().sort());
    assert.match(run.stderr, /readiness score \d+\/100 .* over 2 region\(s\)/);
  });

  it('scores 100 on an account prepared by hand, every check moto can answer passing', async () => {
    const clients = await prepareAccount();
    const run = capture();
    assert.equal(
      await runAudit(clients, { format: 'json', regions: REGIONS, failUnder: 100 }, run),
      0,
      run.stderr,
    );
    const report = JSON.parse(run.stdout) as {
      score: number;
      checks: { id: string; status: string; detail: string }[];
    };
    assert.equal(report.score, 100);
    const notPassing = report.checks.filter((c) => c.status !== 'pass');
    assert.deepEqual(
      notPassing.map((c) => `${c.id}:${c.status}`),
      ['cloudtrail-organization-trail:not_applicable'],
    );
    assert.equal(report.checks.filter((c) => c.id.startsWith('cloudwatch-alarm-')).length, 15);
    const table = capture();
    assert.equal(await runAudit(clients, { format: 'table', regions: REGIONS }, table), 0, table.stderr);
    assert.match(table.stdout, /^REGION\s+GUARDDUTY-ENABLED\s+GUARDDUTY-FINDINGS-ROUTED/m);
    assert.match(table.stdout, /^eu-west-1\s+ok\s+ok\s+ok\s+ok$/m);
  });

  it('judges filters by what they match, not how they are written, and follows a trail that stops logging', async () => {
    const clients = await prepareAccount();
    const logs = clients.client(CloudWatchLogsClient);
    await logs.send(
      new DeleteMetricFilterCommand({
        logGroupName: 'cloudtrail/management',
        filterName: 'CloudTrailChanges',
      }),
    );
    await logs.send(
      new DeleteMetricFilterCommand({ logGroupName: 'cloudtrail/management', filterName: 'RootUsage' }),
    );
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'cloudtrail/management',
        // A name chosen by whoever can call PutMetricFilter: it reaches the terminal only escaped.
        filterName: 'root-written-differently\u001b[2J\u202e',
        filterPattern:
          '{ ($.eventType != "AwsServiceEvent") && ($.userIdentity.invokedBy NOT EXISTS) && ($.userIdentity.type = Root) }',
        metricTransformations: [
          {
            metricName: cisFilter('root-usage').metricName,
            metricNamespace: CIS_METRIC_NAMESPACE,
            metricValue: '1',
          },
        ],
      }),
    );
    let report = await auditReadiness(clients, { regions: ['us-east-1'] });
    const byId = (id: string) => report.checks.find((c) => c.id === id);
    assert.equal(byId('cloudwatch-alarm-root-usage')?.status, 'pass');
    assert.match(
      byId('cloudwatch-alarm-root-usage')?.detail ?? '',
      /root-written-differently\u001b\[2J\u202e → alarm cis-root-usage/,
    );
    assert.equal(byId('cloudwatch-alarm-cloudtrail-changes')?.status, 'fail');
    assert.match(
      byId('cloudwatch-alarm-cloudtrail-changes')?.detail ?? '',
      /no metric filter on cloudtrail\/management/,
    );
    assert.ok(report.score < 100 && report.score > 80, `score ${report.score}`);
    const table = capture();
    await runAudit(clients, { format: 'table', regions: ['us-east-1'] }, table);
    assert.match(table.stdout, /root-written-differently\\x1b\[2J\\u202e → alarm cis-root-usage/);
    assert.doesNotMatch(table.stdout + table.stderr, /\u001b|\u202e/);
    const json = capture();
    await runAudit(clients, { format: 'json', regions: ['us-east-1'] }, json);
    assert.doesNotMatch(json.stdout, /\u001b|\u202e/, 'JSON escapes them too');
    assert.ok(
      JSON.stringify(JSON.parse(json.stdout)).includes('\\u001b[2J'),
      'and still parses to the same name',
    );

    await clients.client(CloudTrailClient).send(new StopLoggingCommand({ Name: 'management' }));
    report = await auditReadiness(clients, { regions: ['us-east-1'] });
    assert.equal(byId('cloudtrail-multi-region-logging')?.status, 'fail');
    assert.match(byId('cloudtrail-multi-region-logging')?.detail ?? '', /management: not logging/);
    assert.equal(byId('cloudwatch-alarm-vpc-changes')?.status, 'fail');
  });

  it("audits another account through an assumed role (--role-arn), not the caller's", async () => {
    const clients = await prepareAccount();
    const other = clients.withRole('arn:aws:iam::210987654321:role/garrison-audit', 'case-7');
    const run = capture();
    assert.equal(await runAudit(other, { format: 'json', regions: ['us-east-1'], failUnder: 50 }, run), 3);
    assert.match(run.stderr, /for account 210987654321/);
    const report = JSON.parse(run.stdout) as { score: number; checks: { id: string; status: string }[] };
    assert.ok(report.score < 20, `the other (bare) account scored ${report.score}`);
    assert.equal(report.checks.find((c) => c.id === 'responder-role')?.status, 'fail');
  });

  it('requires an organization trail only inside an organization', async () => {
    const clients = await prepareAccount();
    await clients.client(OrganizationsClient).send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    let report = await auditReadiness(clients, { regions: ['us-east-1'] });
    let org = report.checks.find((c) => c.id === 'cloudtrail-organization-trail');
    assert.equal(org?.status, 'fail');
    assert.match(org?.detail ?? '', /organization o-\w+ has no logging multi-region organization trail/);
    await clients
      .client(CloudTrailClient)
      .send(new UpdateTrailCommand({ Name: 'management', IsOrganizationTrail: true }));
    report = await auditReadiness(clients, { regions: ['us-east-1'] });
    org = report.checks.find((c) => c.id === 'cloudtrail-organization-trail');
    assert.equal(org?.status, 'pass');
    assert.equal(report.score, 100);
  });

  it('test-filters reads the account filters and proves them on the built-in events; falls back to the CIS set', async () => {
    const bare = capture();
    assert.equal(await runTestFilters(moto.clients(), [], { format: 'json' }, bare), 0, bare.stderr);
    const fallback = JSON.parse(bare.stdout) as { origin: string; note: string };
    assert.equal(fallback.origin, 'builtin');
    assert.match(fallback.note, /no trail delivers to CloudWatch Logs/);

    const clients = await prepareAccount();
    const run = capture();
    assert.equal(await runTestFilters(clients, [], { format: 'json' }, run), 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      origin: string;
      filters: { name: string; alarms: string[]; covers: string[] }[];
      summary: { failures: number; events: number };
    };
    assert.equal(report.origin, 'account');
    assert.equal(report.filters.length, 15);
    assert.deepEqual(report.filters.find((f) => f.name === 'RootUsage')?.alarms, ['cis-root-usage']);
    assert.equal(report.summary.failures, 0);
    assert.match(run.stderr, /test events: all \d+ raised exactly their expected alarms/);
  });

  /**
   * A proxy in front of moto that answers GuardDuty and EC2 GetEbsEncryptionByDefault with the HTML
   * pages moto gives for calls it does not implement (404 for REST, 500 for EC2 query): the audit
   * reports `error`, not a crash.
   */
  describe('when the endpoint does not implement a call', () => {
    let proxy: Server;
    let proxyUrl = '';
    before(async () => {
      proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          const auth = String(req.headers.authorization ?? '');
          if (auth.includes('/guardduty/')) {
            res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(MOTO_404);
            return;
          }
          if (body.toString().includes('Action=GetEbsEncryptionByDefault')) {
            res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end(MOTO_500);
            return;
          }
          const target = new URL(moto.endpoint);
          const forward = request(
            {
              host: target.hostname,
              port: target.port,
              path: req.url,
              method: req.method,
              headers: req.headers,
            },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          );
          forward.end(body);
        });
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

    it('reports those checks as error with a clear detail, scores the rest, and exits 2', async () => {
      const run = capture();
      const clients = new AwsClients({ endpointUrl: proxyUrl, region: 'us-east-1', maxAttempts: 2 });
      assert.equal(await runAudit(clients, { format: 'json', regions: ['us-east-1'] }, run), 2, run.stderr);
      const report = JSON.parse(run.stdout) as {
        score: number;
        checks: { id: string; status: string; detail: string }[];
      };
      const errors = report.checks.filter((c) => c.status === 'error');
      assert.deepEqual(errors.map((c) => c.id).sort(), [
        'ebs-default-encryption',
        'guardduty-enabled',
        'guardduty-findings-routed',
      ]);
      for (const e of errors) assert.match(e.detail, /not supported by this endpoint/);
      assert.ok(report.checks.some((c) => c.status === 'fail'));
      assert.equal(READINESS_CHECKS.length, 17);
    });
  });
});
