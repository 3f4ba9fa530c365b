import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../aws/clients.js';
import * as fx from './fixtures.test-data.js';
import { findingCriteria, pullFindings, typeWanted } from './pull.js';

const gd = mockClient(GuardDutyClient);
const ec2 = mockClient(EC2Client);
afterEach(() => {
  gd.reset();
  ec2.reset();
});

const clients = () => new AwsClients({ region: 'us-east-1' });

function regions(...names: string[]) {
  ec2
    .on(DescribeRegionsCommand)
    .resolves({ Regions: names.map((RegionName) => ({ RegionName, OptInStatus: 'opt-in-not-required' })) });
}

/** Serves findings by id from GetFindings, in the SDK's PascalCase, like GuardDuty. */
function serve(findings: Record<string, unknown>[]) {
  const byId = new Map(findings.map((f) => [f.id as string, fx.pascal(f)]));
  gd.on(GetFindingsCommand).callsFake((input: { FindingIds: string[] }) => ({
    Findings: input.FindingIds.map((id) => byId.get(id)).filter(Boolean),
  }));
}

describe('findingCriteria', () => {
  it('severity floor, exact types, updatedAt window, archived excluded by default', () => {
    assert.deepEqual(
      findingCriteria({
        minSeverity: 'high',
        types: ['Recon:IAMUser/UserPermissions'],
        since: 1000,
        until: 2000,
      }),
      {
        severity: { GreaterThanOrEqual: 7 },
        type: { Equals: ['Recon:IAMUser/UserPermissions'] },
        updatedAt: { GreaterThanOrEqual: 1000, LessThanOrEqual: 2000 },
        'service.archived': { Equals: ['false'] },
      },
    );
  });

  it('prefix types are filtered client-side; --include-archived drops the archived criterion', () => {
    assert.deepEqual(findingCriteria({ types: ['UnauthorizedAccess:IAMUser/*'], includeArchived: true }), {});
    assert.equal(
      typeWanted('UnauthorizedAccess:IAMUser/TorIPCaller', ['UnauthorizedAccess:IAMUser/*']),
      true,
    );
    assert.equal(typeWanted('UnauthorizedAccess:EC2/TorIPCaller', ['UnauthorizedAccess:IAMUser/*']), false);
    assert.equal(
      typeWanted('Recon:EC2/PortProbeUnprotectedPort', ['Recon:EC2/PortProbeUnprotectedPort']),
      true,
    );
    assert.equal(
      typeWanted('Recon:EC2/PortProbeUnprotectedPortX', ['Recon:EC2/PortProbeUnprotectedPort']),
      false,
    );
  });
});

describe('pullFindings with command-level mocks', () => {
  it('reads every enabled region, pages ListFindings, and calls GetFindings in batches of 50', async () => {
    regions('us-east-1', 'eu-west-1');
    const kinds = [fx.ec2Finding, fx.iamUserFinding, fx.s3PolicyFinding, fx.runtimeFinding];
    const many = Array.from({ length: 120 }, (_, i) =>
      fx.gdFinding('Recon:EC2/Portscan', 5, {
        resourceType: 'Instance',
        instanceDetails: { instanceId: `i-${(0x10000000 + i).toString(16)}` },
      }),
    );
    const special = kinds.map((k) => k());
    serve([...many, ...special]);
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['det-1'] });
    // us-east-1: three pages (50, 50, 24); eu-west-1: none.
    const ids = [...many, ...special].map((f) => f.id as string);
    gd.on(ListFindingsCommand, { DetectorId: 'det-1' }).callsFake(async (input: { NextToken?: string }) => {
      const start = Number(input.NextToken ?? 0);
      return {
        FindingIds: ids.slice(start, start + 50),
        ...(start + 50 < ids.length ? { NextToken: String(start + 50) } : {}),
      };
    });
    const result = await pullFindings([{ label: '111122223333', clients: clients() }], {
      minSeverity: 'medium',
    });
    // Both regions asked (the mock answers alike for each region's client: same ids).
    assert.deepEqual(result.detectors, ['111122223333/eu-west-1/det-1', '111122223333/us-east-1/det-1']);
    assert.equal(result.findings.length, 2 * 124);
    assert.equal(result.rejected.length, 0);
    const lists = gd.commandCalls(ListFindingsCommand);
    assert.equal(lists.length, 2 * 3);
    for (const call of lists) {
      assert.equal(call.args[0].input.MaxResults, 50);
      assert.deepEqual(call.args[0].input.FindingCriteria, {
        Criterion: { severity: { GreaterThanOrEqual: 4 }, 'service.archived': { Equals: ['false'] } },
      });
    }
    const gets = gd.commandCalls(GetFindingsCommand).map((c) => c.args[0].input.FindingIds?.length);
    // Regions are read at once, so the two regions' batches may interleave.
    assert.deepEqual(
      gets.sort((a = 0, b = 0) => a - b),
      [24, 24, 50, 50, 50, 50],
    );
    const types = new Set(result.findings.map((f) => f.type));
    for (const t of [
      'CryptoCurrency:EC2/BitcoinTool.B!DNS',
      'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom',
      'Policy:S3/BucketBlockPublicAccessDisabled',
      'Execution:Runtime/ReverseShell',
    ])
      assert.ok(types.has(t), t);
  });

  it('a type prefix keeps only matching findings; malformed findings from GetFindings are counted', async () => {
    const findings = [fx.iamUserFinding(), fx.exfiltrationFinding(), fx.ec2Finding()];
    serve(findings);
    gd.on(GetFindingsCommand).callsFake((input: { FindingIds: string[] }) => ({
      Findings: [
        ...findings.filter((f) => input.FindingIds.includes(f.id as string)).map(fx.pascal),
        { Id: 'broken', Type: 'Recon:EC2/Portscan', Severity: 'high' },
      ],
    }));
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['det-1'] });
    gd.on(ListFindingsCommand).resolves({ FindingIds: findings.map((f) => f.id as string) });
    const result = await pullFindings(
      [{ label: 'a', clients: clients() }],
      { types: ['UnauthorizedAccess:IAMUser/*'] },
      { regions: ['us-east-1'] },
    );
    assert.deepEqual(result.findings.map((f) => f.type).sort(), [
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom',
    ]);
    assert.equal(result.rejected.length, 1);
    assert.equal(result.rejected[0]?.id, 'broken');
    assert.match(result.rejected[0]?.reason ?? '', /severity: .*expected number, received string/);
  });

  it('throttling that outlasts the retries fails that region only, reported; other regions still pulled', async () => {
    const finding = fx.s3ExfiltrationFinding();
    serve([finding]);
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['det-1'] });
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 429 },
    });
    gd.on(ListFindingsCommand).callsFake(async (_input: unknown, getClient: () => GuardDutyClient) => {
      if ((await getClient().config.region()) === 'eu-west-1') throw throttled;
      return { FindingIds: [finding.id as string] };
    });
    const result = await pullFindings(
      [{ label: 'a', clients: clients() }],
      {},
      { regions: ['eu-west-1', 'us-east-1'] },
    );
    assert.deepEqual(result.failures, [
      { account: 'a', region: 'eu-west-1', reason: 'ThrottlingException: Rate exceeded' },
    ]);
    assert.deepEqual(
      result.findings.map((f) => f.id),
      [finding.id],
    );
  });

  it('an account whose regions cannot be listed is reported, the next account is pulled', async () => {
    ec2
      .on(DescribeRegionsCommand)
      .rejectsOnce(new Error('AccessDenied'))
      .resolves({ Regions: [{ RegionName: 'us-east-1' }] });
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const result = await pullFindings(
      [
        { label: 'one', clients: clients() },
        { label: 'two', clients: clients() },
      ],
      {},
    );
    assert.deepEqual(result.failures, [{ account: 'one', region: '*', reason: 'AccessDenied' }]);
    assert.deepEqual(result.detectors, []);
    assert.equal(gd.commandCalls(ListDetectorsCommand).length, 1);
  });
});
