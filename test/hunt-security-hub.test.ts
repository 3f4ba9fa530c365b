import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AwsClients } from '../src/aws/clients.js';
import { toAsff } from '../src/findings/asff.js';
import { hit, info } from '../src/findings/fixtures.test-data.js';
import { FindingGrouper } from '../src/findings/grouping.js';
import { importToSecurityHub } from '../src/findings/security-hub.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { runCli } from './helpers/run-cli.js';

function stopLogging(id: string, minute: number, user: string): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    eventTime: `2026-03-14T09:${String(minute).padStart(2, '0')}:00Z`,
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.66',
    userAgent: 'aws-cli/2.15.30',
    userIdentity: {
      type: 'IAMUser',
      arn: `arn:aws:iam::123456789012:user/${user}`,
      accountId: '123456789012',
      userName: user,
    },
    requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main' },
    eventID: id,
    recipientAccountId: '123456789012',
  };
}

describe('hunt --to-security-hub (moto)', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-sechub-'));
    const records = [
      stopLogging('ev-1', 0, 'mallory'),
      stopLogging('ev-2', 5, 'mallory'),
      stopLogging('ev-3', 10, 'eve'),
    ];
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: records }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the ASFF findings, which GetFindings then returns', async () => {
    const hub = moto.clients().client(SecurityHubClient);
    await hub.send(new EnableSecurityHubCommand({}));
    const r = await runCli([
      'hunt',
      join(dir, 'trail.json'),
      '--only',
      'garrison-aws-cloudtrail-stopped',
      '--format',
      'asff',
      '--to-security-hub',
      '--endpoint-url',
      moto.endpoint,
      '--region',
      'us-east-1',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /security hub: 2 findings imported into us-east-1, 0 refused/);
    const printed = JSON.parse(r.stdout) as { Findings: { Id: string; AwsAccountId: string }[] };
    const stored = await hub.send(new GetFindingsCommand({}));
    const ids = (stored.Findings ?? []).map((f) => f.Id).sort();
    assert.deepEqual(ids, printed.Findings.map((f) => f.Id).sort());
    const mallory = stored.Findings?.find((f) =>
      f.ProductFields?.['garrison/principal']?.endsWith('user/mallory'),
    );
    assert.ok(mallory, 'the finding for mallory is stored');
    assert.equal(mallory.Severity?.Label, 'HIGH');
    assert.equal(mallory.ProductFields?.['garrison/event_count'], '2');
    assert.equal(mallory.AwsAccountId, printed.Findings[0]?.AwsAccountId);
  });

  it('imports in batches of 100', async () => {
    const clients = moto.clients();
    await clients.client(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const account = await clients.accountId();
    const g = new FindingGrouper(new Map([['stop', info('stop')]]));
    for (let i = 0; i < 130; i++)
      g.add(hit({ principal: `arn:aws:iam::${account}:user/u${i}`, eventId: `e-${i}` }));
    const asff = g.findings().map((f) => toAsff(f, { accountId: account, region: 'us-east-1' }));
    const result = await importToSecurityHub(clients, asff, 'us-east-1');
    assert.equal(result.imported, 130);
    assert.deepEqual(result.failed, []);
    const stored = await clients.client(SecurityHubClient).send(new GetFindingsCommand({ MaxResults: 100 }));
    assert.equal(stored.Findings?.length, 100);
  });

  it('says what to do when Security Hub refuses the call', async () => {
    // Nothing listens on port 9 of loopback: the import fails as a GarrisonError with a hint.
    const broken = new AwsClients({
      endpointUrl: moto.endpoint.replace(/:\d+$/, ':9'),
      region: 'us-east-1',
      maxAttempts: 1,
    });
    await assert.rejects(
      importToSecurityHub(broken, [{ Id: 'x' }], 'us-east-1'),
      /BatchImportFindings failed/,
    );
  });
});
