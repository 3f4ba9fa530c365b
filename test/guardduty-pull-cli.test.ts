import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CaseStore } from '../src/cases/store.js';
import * as fx from '../src/guardduty/fixtures.test-data.js';
import { runCli } from './helpers/run-cli.js';

/**
 * moto has no GuardDuty findings, so `guardduty pull` is tested end to end against a small GuardDuty
 * of the test's own on loopback: the SDK's real REST-JSON wire format (camelCase, the documented
 * finding JSON), the region read from the SigV4 scope, pagination by nextToken, and a throttled first
 * ListFindings that the SDK's retry must absorb.
 */
interface Call {
  region: string;
  path: string;
  body: Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'garrison-gd-pull-'));
const calls: Call[] = [];
let server: Server;
let endpoint = '';
let throttled = 0;

const generic = Array.from({ length: 56 }, (_, i) =>
  fx.gdFinding('Recon:EC2/Portscan', 5, {
    resourceType: 'Instance',
    instanceDetails: { instanceId: `i-${(0x20000000 + i).toString(16)}` },
  }),
);
const special = [fx.ec2Finding(), fx.iamUserFinding(), fx.s3ExfiltrationFinding(), fx.kubernetesFinding()];
const broken = { ...fx.runtimeFinding(), severity: 'HIGH' };
const euFinding = { ...fx.assumedRoleFinding(), region: 'eu-west-1' };
const byRegion: Record<string, Record<string, unknown>[]> = {
  'us-east-1': [...special, ...generic],
  'eu-west-1': [euFinding, broken],
};

function regionOf(req: IncomingMessage): string {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '?';
}

function answer(
  req: IncomingMessage,
  body: Record<string, unknown>,
): { status: number; json: unknown; type?: string } {
  const region = regionOf(req);
  const findings = byRegion[region] ?? [];
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' && url.pathname === '/detector')
    return { status: 200, json: { detectorIds: [`det-${region}`] } };
  if (url.pathname === `/detector/det-${region}/findings`) {
    if (region === 'us-east-1' && throttled++ === 0)
      return { status: 429, type: 'ThrottlingException', json: { message: 'Rate exceeded' } };
    const start = Number(body.nextToken ?? 0);
    const size = Number(body.maxResults ?? 50);
    const ids = findings.map((f) => f.id as string);
    const next = start + size < ids.length ? { nextToken: String(start + size) } : {};
    return { status: 200, json: { findingIds: ids.slice(start, start + size), ...next } };
  }
  if (url.pathname === `/detector/det-${region}/findings/get`) {
    const wanted = new Set(body.findingIds as string[]);
    return { status: 200, json: { findings: findings.filter((f) => wanted.has(f.id as string)) } };
  }
  return { status: 404, type: 'BadRequestException', json: { message: `no ${req.method} ${url.pathname}` } };
}

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      calls.push({
        region: regionOf(req),
        path: `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`,
        body,
      });
      const a = answer(req, body);
      res.writeHead(a.status, {
        'content-type': 'application/json',
        ...(a.type ? { 'x-amzn-errortype': a.type } : {}),
      });
      res.end(JSON.stringify(a.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('garrison guardduty pull (CLI) against a loopback GuardDuty', () => {
  it('pulls every region with criteria, pages and batches, rides out throttling, stores in the case', async () => {
    const db = join(dir, 'cases.db');
    const store = CaseStore.open(db);
    const c = store.cases.create({ title: 'pull', severity: 'medium' });
    store.close();
    const r = await runCli(
      [
        'guardduty',
        'pull',
        '--regions',
        'us-east-1,eu-west-1',
        '--min-severity',
        'medium',
        '--since',
        '2026-11-01T00:00:00Z',
        '--case',
        c.id,
        '--format',
        'json',
      ],
      {
        env: {
          GARRISON_DB: db,
          AWS_ENDPOINT_URL: endpoint,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );
    assert.equal(r.status, 2, `one finding is malformed: ${r.stderr}`);
    const out = JSON.parse(r.stdout);
    assert.equal(out.findings.length, 61);
    assert.equal(out.summary.rejected_records, 1);
    assert.match(out.summary.rejected[0].reason, /severity: .*expected number, received string/);
    assert.match(r.stderr, /2 detectors read/);
    for (const type of [
      'CryptoCurrency:EC2/BitcoinTool.B!DNS',
      'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom',
      'Exfiltration:S3/AnomalousBehavior',
      'Execution:Kubernetes/ExecInKubeSystemPod',
      'Discovery:IAMUser/AnomalousBehavior',
    ])
      assert.ok(
        out.findings.some((f: { rule: { guardduty: string[] } }) => f.rule.guardduty[0] === type),
        type,
      );

    const lists = calls.filter((x) => /findings$/.test(x.path));
    // us-east-1: throttled once (retried by the SDK), then 2 pages; eu-west-1: 1 page. Regions are
    // read at once; within a region the calls are in order.
    assert.equal(throttled, 3, 'us-east-1 ListFindings calls: throttled, retried, second page');
    const tokens = (region: string) =>
      lists.filter((x) => x.region === region).map((x) => x.body.nextToken ?? null);
    assert.deepEqual(tokens('us-east-1'), [null, null, '50']);
    assert.deepEqual(tokens('eu-west-1'), [null]);
    for (const x of lists) {
      assert.equal(x.body.maxResults, 50);
      assert.deepEqual(x.body.findingCriteria, {
        criterion: {
          severity: { greaterThanOrEqual: 4 },
          updatedAt: { greaterThanOrEqual: Date.parse('2026-11-01T00:00:00Z') },
          'service.archived': { equals: ['false'] },
        },
      });
    }
    const gets = calls
      .filter((x) => /findings\/get$/.test(x.path))
      .map((x) => (x.body.findingIds as string[]).length);
    assert.deepEqual(
      gets.sort((a, b) => a - b),
      [2, 10, 50],
    );

    const check = CaseStore.open(db);
    try {
      assert.equal(check.findings.forCase(c.id).length, 61);
    } finally {
      check.close();
    }
  });
});
