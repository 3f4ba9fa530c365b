import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toOcsf } from '../findings/ocsf.js';
import { severityOf, toGarrisonFinding } from './convert.js';
import * as fx from './fixtures.test-data.js';
import { type GuardDutyFinding, parseGuardDutyFinding } from './schema.js';

function parsed(raw: unknown): GuardDutyFinding {
  const result = parseGuardDutyFinding(raw, 'test');
  if (!result.ok) throw new Error(result.rejected.reason);
  return result.finding;
}

describe('GuardDuty severity to garrison severity', () => {
  it('maps the documented bands at their edges', () => {
    const cases: [number, string][] = [
      [1, 'low'],
      [3.9, 'low'],
      [4, 'medium'],
      [6.9, 'medium'],
      [7, 'high'],
      [8.9, 'high'],
      [9, 'critical'],
      [10, 'critical'],
    ];
    for (const [score, want] of cases) assert.equal(severityOf(score), want, String(score));
  });
});

describe('toGarrisonFinding', () => {
  it('an IAM finding: principal, account, region, IP, user agent, API, times, count, playbook', () => {
    const raw = fx.iamUserFinding();
    const f = toGarrisonFinding(parsed(raw));
    assert.equal(f.id, raw.id);
    assert.equal(f.source, 'guardduty');
    assert.equal(f.severity, 'medium');
    assert.equal(f.rule.id, 'guardduty:UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom');
    assert.deepEqual(f.rule.guardduty, ['UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom']);
    assert.equal(f.principal, 'arn:aws:iam::111122223333:user/build-bot');
    assert.deepEqual(f.accounts, ['111122223333']);
    assert.deepEqual(f.regions, ['us-east-1']);
    assert.deepEqual(f.source_ips, ['203.0.113.66']);
    assert.deepEqual(f.user_agents, ['aws-cli/2.15.0']);
    assert.deepEqual(f.event_names, ['ListBuckets']);
    assert.equal(f.first_seen, '2026-11-20T08:15:00.000Z');
    assert.equal(f.last_seen, '2026-11-20T09:45:12.000Z');
    assert.equal(f.count, 3);
    assert.equal(f.playbook, 'iam-user');
    assert.deepEqual(f.resources, ['arn:aws:iam::111122223333:user/build-bot']);
  });

  it('an EC2 finding names the instance ARN, a Kubernetes one the cluster and its user', () => {
    const ec2 = toGarrisonFinding(parsed(fx.ec2Finding()));
    assert.deepEqual(ec2.resources, ['arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890']);
    assert.equal(ec2.severity, 'high');
    assert.equal(ec2.playbook, 'ec2');
    const k8s = toGarrisonFinding(parsed(fx.kubernetesFinding()));
    assert.equal(k8s.principal, 'kubernetes:dev-user');
    assert.deepEqual(k8s.resources, ['arn:aws:eks:us-east-1:111122223333:cluster/prod']);
    assert.deepEqual(k8s.user_agents, ['kubectl/v1.29.0']);
    assert.equal(k8s.playbook, 'manual');
  });

  it('an assumed-role session becomes an sts assumed-role ARN with its session name', () => {
    const f = toGarrisonFinding(parsed(fx.exfiltrationFinding()));
    assert.equal(f.principal, 'arn:aws:sts::111122223333:assumed-role/web-server-role/i-0c1b2c3d4e5f67890');
    assert.equal(f.playbook, 'iam-role+ec2');
  });

  it('without service times falls back to createdAt/updatedAt and count 1', () => {
    const raw = fx.s3PolicyFinding();
    raw.service = {};
    const f = toGarrisonFinding(parsed(raw));
    assert.equal(f.first_seen, '2026-11-20T08:20:00.000Z');
    assert.equal(f.last_seen, '2026-11-20T09:50:00.000Z');
    assert.equal(f.count, 1);
  });

  it('exports as an OCSF Detection Finding with the GuardDuty id and type', () => {
    const raw = fx.runtimeFinding();
    const ocsf = toOcsf(toGarrisonFinding(parsed(raw)));
    assert.equal(ocsf.class_uid, 2004);
    assert.equal((ocsf.finding_info as { uid: string }).uid, raw.id);
    assert.deepEqual((ocsf.unmapped as { guardduty: string[] }).guardduty, [
      'Execution:Runtime/ReverseShell',
    ]);
  });
});

describe('parseGuardDutyFinding', () => {
  it('reads the SDK PascalCase form like the documented camelCase form', () => {
    const raw = fx.exfiltrationFinding();
    assert.deepEqual(parsed(fx.pascal(raw)), parsed(raw));
  });

  it('keeps fields it does not type (nothing of the original is lost)', () => {
    const f = parsed(fx.ec2Finding());
    const nics = (f.resource.instanceDetails as Record<string, unknown>).networkInterfaces as unknown[];
    assert.equal(nics.length, 1);
  });

  const bad: [string, (raw: Record<string, unknown>) => void, RegExp][] = [
    ['missing resource', (r) => delete r.resource, /^resource:/],
    ['unknown type', (r) => (r.type = 'Mystery:Thing/Whatever'), /type: not a known GuardDuty finding type/],
    ['type without a resource part', (r) => (r.type = 'Recon'), /type:/],
    ['severity as a string', (r) => (r.severity = '8'), /severity:/],
    ['severity out of range', (r) => (r.severity = 42), /severity:/],
    ['account id of the wrong shape', (r) => (r.accountId = '1234'), /accountId:/],
    ['region that is not a region', (r) => (r.region = 'moon-1'), /region:/],
    ['createdAt that is not a date', (r) => (r.createdAt = 'yesterday'), /createdAt:/],
    [
      'resource without resourceType',
      (r) => delete (r.resource as Record<string, unknown>).resourceType,
      /resource\.resourceType/,
    ],
    ['count that is negative', (r) => ((r.service as Record<string, unknown>).count = -1), /service\.count/],
    ['id with spaces and escapes', (r) => (r.id = 'abc \u001b[2J'), /id:/],
  ];
  for (const [name, spoil, reason] of bad)
    it(`rejects a finding with ${name}, with the reason`, () => {
      const raw = fx.iamUserFinding();
      spoil(raw);
      const result = parseGuardDutyFinding(raw, 'file.json:3');
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.rejected.where, 'file.json:3');
      assert.match(result.rejected.reason, reason);
    });

  it('accepts the newer families: attack sequences and Malware Protection for S3 objects', () => {
    for (const type of [
      'AttackSequence:S3/CompromisedData',
      'Object:S3/MaliciousFile',
      'PenTest:IAMUser/KaliLinux',
    ])
      assert.equal(parsed({ ...fx.s3PolicyFinding(), type }).type, type);
    assert.equal(
      severityOf(
        parsed({ ...fx.s3PolicyFinding(), type: 'AttackSequence:S3/CompromisedData', severity: 9.5 })
          .severity,
      ),
      'critical',
    );
  });

  it('rejects non-objects without throwing', () => {
    for (const value of [null, 42, 'finding', [], true])
      assert.equal(parseGuardDutyFinding(value, 'x').ok, false);
  });

  it('a __proto__ key in a finding stays data and does not pollute prototypes', () => {
    const raw = JSON.parse(`{"__proto__":{"polluted":1},${JSON.stringify(fx.ec2Finding()).slice(1)}`);
    const f = parsed(raw);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(f.type, 'CryptoCurrency:EC2/BitcoinTool.B!DNS');
  });
});
