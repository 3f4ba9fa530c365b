import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetLoginProfileCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { AwsClients } from '../src/aws/clients.js';
import { CaseStore } from '../src/cases/store.js';
import { runDemo } from '../src/lab/demo/run-demo.js';
import type { DemoSummary } from '../src/lab/demo/summary.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { REPO_ROOT, runCli } from './helpers/run-cli.js';

const NO_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_CONFIG_FILE: '/nonexistent',
};
const HOSTILE_AGENT =
  'aws-cli/2.15.0 <img src=x onerror=alert(1)> \u001b]0;owned\u0007 =HYPERLINK("http://x")';
const work = mkdtempSync(join(tmpdir(), 'garrison-demo-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The case the demo left: findings attached, every action journaled and verified, status contained. */
function checkCase(summary: DemoSummary): void {
  const store = CaseStore.open(summary.case.store, { readonly: true });
  try {
    const found = store.cases.get(summary.case.caseId);
    assert.equal(found.status, 'contained');
    const findings = store.findings.forCase(found.id);
    assert.ok(findings.length >= 5, `findings attached: ${findings.length}`);
    assert.ok(
      findings.some((f) => f.finding.rule.id === 'garrison-aws-instance-credentials-used-outside-aws'),
    );
    const actions = store.journal.forCase(found.id);
    const targets = new Set(actions.map((a) => `${a.playbook} ${a.target}`));
    const [instanceId] = summary.workload.instanceIds;
    assert.ok(targets.has(`ec2 ${instanceId}`), [...targets].join(', '));
    assert.ok(targets.has(`iam-role ${summary.workload.roleName}`));
    assert.ok(targets.has(`iam-user ${summary.attack.backdoorUser}`));
    const open = actions.filter((a) => a.status !== 'verified' && a.status !== 'unchanged');
    assert.deepEqual(
      open.map((a) => `${a.stepId} ${a.status}`),
      [],
      'every action verified',
    );
    const kinds = store.evidence.forCase(found.id).map((e) => e.kind);
    assert.ok(kinds.includes('cloudtrail-events') && kinds.includes('readiness-audit'), kinds.join(', '));
    // prepare apply journaled its own changes in a preparation case, before the incident.
    const preparation = store.journal.forCase(summary.readiness.prepareCase);
    assert.ok(preparation.length >= 5, `preparation steps journaled: ${preparation.length}`);
    assert.equal(summary.readiness.status, 'complete');
    assert.ok(summary.readiness.scoreAfter > summary.readiness.scoreBefore);
  } finally {
    store.close();
  }
}

/** The report files: exist, and carry the metrics and the contained targets. */
function checkReport(summary: DemoSummary): void {
  for (const path of [summary.report.md, summary.report.html, summary.report.json])
    assert.ok(existsSync(path), path);
  const md = readFileSync(summary.report.md, 'utf8');
  const html = readFileSync(summary.report.html, 'utf8');
  const [instanceId] = summary.workload.instanceIds;
  for (const text of [md, html]) {
    assert.match(text, /time to detect/i);
    assert.match(text, /time to contain/i);
    assert.ok(text.includes(instanceId as string), 'the contained instance is named');
    assert.ok(text.includes(summary.attack.backdoorUser), 'the backdoor user is named');
    assert.ok(text.includes(summary.workload.roleName), 'the role is named');
  }
  const detect = summary.report.metrics.find((m) => m.id === 'time-to-detect');
  assert.ok(detect?.ms && detect.ms > 2 * 3600_000, 'the story started ~2.5 h before the hunt');
  assert.ok(summary.report.metrics.find((m) => m.id === 'time-to-contain')?.ms !== null);
}

/** The AWS state, read with independent SDK calls: instance isolated and without its profile, role sessions revoked, backdoor user disarmed. */
async function checkAws(clients: AwsClients, summary: DemoSummary): Promise<void> {
  const ec2 = clients.client(EC2Client);
  const iam = clients.client(IAMClient);
  const [instanceId, other] = summary.workload.instanceIds as [string, string];
  const groups = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [{ Name: 'tag:garrison:purpose', Values: ['isolation'] }],
    }),
  );
  const isolation = groups.SecurityGroups?.find((g) => g.VpcId === summary.workload.vpcId)?.GroupId;
  assert.ok(isolation, 'an isolation group in the workload VPC');
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId, other] }));
  const instances = described.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
  const victim = instances.find((i) => i.InstanceId === instanceId);
  assert.ok(victim?.NetworkInterfaces?.length);
  for (const eni of victim?.NetworkInterfaces ?? [])
    assert.ok(
      eni.Groups?.some((g) => g.GroupId === isolation),
      `${eni.NetworkInterfaceId} isolated`,
    );
  const bystander = instances.find((i) => i.InstanceId === other);
  assert.ok(
    !bystander?.NetworkInterfaces?.some((n) => n.Groups?.some((g) => g.GroupId === isolation)),
    'the other web instance is untouched',
  );
  const associations = await ec2.send(
    new DescribeIamInstanceProfileAssociationsCommand({
      Filters: [{ Name: 'instance-id', Values: [instanceId] }],
    }),
  );
  assert.deepEqual(
    (associations.IamInstanceProfileAssociations ?? []).filter((a) => a.State === 'associated'),
    [],
    'instance profile detached',
  );
  const keys = await iam.send(new ListAccessKeysCommand({ UserName: summary.attack.backdoorUser }));
  assert.ok(keys.AccessKeyMetadata?.length);
  assert.ok(
    keys.AccessKeyMetadata?.every((k) => k.Status === 'Inactive'),
    'backdoor keys inactive',
  );
  await assert.rejects(
    iam.send(new GetLoginProfileCommand({ UserName: summary.attack.backdoorUser })),
    /NoSuchEntity|cannot be found/,
  );
  const policies = await iam.send(new ListRolePoliciesCommand({ RoleName: summary.workload.roleName }));
  assert.ok(policies.PolicyNames?.length, 'a revocation policy on the role');
  const policy = await iam.send(
    new GetRolePolicyCommand({
      RoleName: summary.workload.roleName,
      PolicyName: policies.PolicyNames?.[0],
    }),
  );
  assert.match(decodeURIComponent(policy.PolicyDocument ?? ''), /aws:TokenIssueTime/);
}

describe('garrison demo', { skip: motoSkipReason }, () => {
  it('end to end through the CLI with --keep-emulator: case, AWS state, CloudTrail files, report; Ctrl-C stops moto', async () => {
    const out = join(work, 'cli');
    const started = Date.now();
    // No AWS credentials at all: the demo signs with the emulator's dummy ones.
    const demo = spawnDemo(['--output', out, '--format', 'json', '--keep-emulator'], NO_CREDENTIALS);
    const endpoint = (await demo.waitFor(/emulator kept at (http:\/\/127\.0\.0\.1:\d+)/))[1] as string;
    const wall = Date.now() - started;
    const summary = JSON.parse(demo.stdout()) as DemoSummary;
    assert.equal(summary.endpoint, endpoint);
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'demo-summary.json'), 'utf8')), summary);
    for (const phase of ['emulator', 'prepare', 'workload', 'attack', 'hunt', 'case', 'contain', 'report'])
      assert.match(
        demo.stderr(),
        new RegExp(`demo \\[\\d/8\\] ${phase} +\\d+\\.\\d s`),
        `a line for ${phase}`,
      );
    assert.ok(demo.stderr().includes(`report: ${summary.report.html}`));
    assert.equal(summary.containment.verified, true);
    assert.equal(
      summary.hunt.records,
      summary.attack.records,
      'the hunt read back every replayed record from S3',
    );
    const cloudtrail = join(out, 'cloudtrail', 'AWSLogs', summary.accountId, 'CloudTrail');
    assert.ok(readdirSync(cloudtrail).includes('us-east-1'));
    // The kept emulator answers: read the contained account from outside the demo.
    process.env.AWS_ACCESS_KEY_ID ??= 'testing';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
    await checkAws(
      new AwsClients({ endpointUrl: endpoint, region: summary.region, maxAttempts: 2 }),
      summary,
    );
    checkCase(summary);
    checkReport(summary);
    process.stderr.write(
      `demo CLI wall time ${(wall / 1000).toFixed(1)} s; phases ${JSON.stringify(summary.timings)}\n`,
    );
    demo.child.kill('SIGINT');
    assert.equal(await demo.exit, 0, demo.stderr());
    await assertClosed(new URL(endpoint).port);
  });

  describe('in process on a moto of its own', () => {
    const moto = useMoto();
    it('leaves AWS contained: isolation group on every ENI, no instance profile, backdoor keys inactive', async () => {
      const { summary } = await runDemo({
        outputDir: join(work, 'lib'),
        endpointUrl: moto.endpoint,
        attackerUserAgent: HOSTILE_AGENT,
      });
      await checkAws(moto.clients(), summary);
      checkCase(summary);
      checkReport(summary);
      // The attacker's user agent reaches the report only escaped.
      const html = readFileSync(summary.report.html, 'utf8');
      assert.ok(!html.includes('<img src=x onerror=alert(1)>'), 'no live markup from CloudTrail');
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the agent is shown, escaped');
      assert.ok(
        !readFileSync(summary.report.md, 'utf8').includes('\u001b'),
        'no terminal escapes in Markdown',
      );
    });
  });

  it('stops the emulator it started when a phase fails half-way', async () => {
    const result = await runCli(['demo', '--output', join(work, 'failing'), '--format', 'json'], {
      env: { GARRISON_DEMO_FAIL_AFTER: 'workload' },
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /demo failure injected after the workload phase/);
    assert.doesNotMatch(result.stderr, /\[4\/8\] attack/);
    const port = /moto on http:\/\/127\.0\.0\.1:(\d+)/.exec(result.stderr)?.[1];
    assert.ok(port, result.stderr);
    await assertClosed(port);
  });

  it('stops the emulator on Ctrl-C (SIGINT) and exits 130', async () => {
    const demo = spawnDemo(['--output', join(work, 'interrupted')]);
    const port = (await demo.waitFor(/moto on http:\/\/127\.0\.0\.1:(\d+)/))[1] as string;
    demo.child.kill('SIGINT');
    assert.equal(await demo.exit, 130, demo.stderr());
    assert.match(demo.stderr(), /interrupted by SIGINT/);
    await assertClosed(port);
  });
});

/** Nothing listens on the port, and no moto process with that port is left in /proc. */
async function assertClosed(port: string): Promise<void> {
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
  assert.ok(refused, `something still listens on ${port}`);
  const left = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return cmd.some((a) => a.includes('moto')) && cmd.includes(port);
      } catch {
        return false;
      }
    });
  assert.deepEqual(left, [], `moto processes left on port ${port}`);
}

/** `garrison demo ...` as a child process whose output can be awaited line by line. */
function spawnDemo(args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, ['bin/garrison.js', 'demo', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
    wake();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ended = false;
  void exit.then(() => {
    ended = true;
    wake();
  });
  return {
    child,
    exit,
    stdout: () => out,
    stderr: () => err,
    async waitFor(pattern: RegExp): Promise<RegExpExecArray> {
      for (;;) {
        const found = pattern.exec(err);
        if (found) return found;
        if (ended) throw new Error(`the demo ended before ${pattern}: ${err}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

describe('garrison demo refuses', () => {
  it('an endpoint that is not on this machine, before any call', async () => {
    for (const endpoint of ['https://ec2.us-east-1.amazonaws.com', 'http://10.1.2.3:5000']) {
      const result = await runCli(['--endpoint-url', endpoint, 'demo', '--output', join(work, 'refused')]);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /only runs on a local emulator/);
      assert.doesNotMatch(result.stderr, /demo \[/, 'no phase ran');
    }
  });

  it('an unknown --format', async () => {
    const result = await runCli(['demo', '--format', 'xml']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /xml/);
  });
});
