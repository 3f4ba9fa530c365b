import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { delivered, makeRecords } from '../../../test/helpers/trail-data.js';
import { incident } from '../stateful/incident.test-data.js';
import { hunt } from './hunt.js';

const EVE = {
  type: 'IAMUser',
  principalId: 'AIDAEVE',
  arn: 'arn:aws:iam::123456789012:user/eve',
  accountId: '123456789012',
  userName: 'eve',
};
const ACTIONS = [
  'ListUsers',
  'ListRoles',
  'GetAccountSummary',
  'ListBuckets',
  'DescribeInstances',
  'ListKeys',
];

/** Refused calls of one principal, one every 20 seconds from `from`: enumeration. */
function refusals(from: number, count: number, tag: string) {
  return Array.from({ length: count }, (_, i) => ({
    eventVersion: '1.08',
    userIdentity: EVE,
    eventTime: new Date(from + i * 20_000).toISOString().replace('.000', ''),
    eventSource: 'iam.amazonaws.com',
    eventName: ACTIONS[i % ACTIONS.length],
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.9',
    userAgent: 'pacu',
    errorCode: 'AccessDenied',
    eventID: `${tag}-${i}`,
    eventType: 'AwsApiCall',
  }));
}

describe('a hunt gives the same findings on every run, with any number of workers and rules', () => {
  it('a stateful detection finds the same alone as beside the whole pack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'garrison-alone-'));
    try {
      await writeFile(join(dir, 'incident.json'), delivered([...makeRecords(3, 300), ...incident()]));
      const id = 'garrison-aws-first-use-then-sensitive-call';
      const ofRule = (findings: { rule: { id: string } }[]) =>
        JSON.stringify(findings.filter((f) => f.rule.id === id));
      const alone = await hunt([dir], { workers: 2, selection: { only: [id] } });
      const beside = await hunt([dir], { workers: 2 });
      assert.ok(alone.findings.length > 0, 'the incident has a first use');
      assert.equal(ofRule(alone.findings), ofRule(beside.findings));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a burst split across files, the first of them large (so the other worker ends first)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'garrison-order-'));
    try {
      const t = Date.UTC(2024, 4, 1, 12);
      await writeFile(join(dir, 'a.json'), delivered([...makeRecords(1, 4000), ...refusals(t, 7, 'a')]));
      await writeFile(join(dir, 'b.json'), delivered(refusals(t + 150_000, 7, 'b')));
      await writeFile(join(dir, 'c.json'), delivered(refusals(t + 300_000, 7, 'c')));
      const runs = [];
      for (const workers of [1, 2, 2, 3]) {
        const { findings } = await hunt([dir], { workers });
        runs.push(JSON.stringify(findings));
      }
      assert.ok(
        JSON.parse(runs[0]!).some((f: { rule: { id: string } }) => f.rule.id.includes('access-denied')),
      );
      for (const run of runs.slice(1)) assert.equal(run, runs[0]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
