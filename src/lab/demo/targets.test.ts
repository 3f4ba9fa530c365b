import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../findings/finding.js';
import { containmentTargets } from './targets.js';

const ACCOUNT = '123456789012';
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/i-0123456789abcdef0`;

function finding(over: Partial<Finding> & { ruleId?: string }): Finding {
  const { ruleId = 'garrison-aws-instance-credentials-used-outside-aws', ...rest } = over;
  return {
    id: 'f',
    rule: { id: ruleId, title: 't', severity: 'high', mitre: [], stratus: [], guardduty: [] },
    severity: 'high',
    title: 't',
    description: '',
    principal: SESSION,
    accounts: [ACCOUNT],
    regions: ['us-east-1'],
    resources: [],
    source_ips: [],
    user_agents: [],
    event_names: [],
    first_seen: '2026-11-27T10:00:00Z',
    last_seen: '2026-11-27T10:00:00Z',
    count: 1,
    event_ids: [],
    event_ids_truncated: false,
    playbook: '',
    ...rest,
  };
}

describe('containmentTargets', () => {
  it('names the instance behind a role session, the role, and the user the attacker armed and used', () => {
    const targets = containmentTargets(
      [
        finding({}),
        finding({
          ruleId: 'garrison-aws-iam-access-key-created-for-other-user',
          severity: 'medium',
          resources: [`arn:aws:iam::${ACCOUNT}:user/svc-backup-monitor`],
        }),
        finding({
          principal: `arn:aws:iam::${ACCOUNT}:user/svc-backup-monitor`,
          ruleId: 'garrison-aws-cloudtrail-stopped',
        }),
      ],
      { accountId: ACCOUNT },
    );
    assert.deepEqual(targets.instances, ['i-0123456789abcdef0']);
    assert.deepEqual(targets.roles, ['web-role']);
    assert.deepEqual(targets.users, ['svc-backup-monitor']);
    assert.deepEqual(targets.reasons['iam-user:svc-backup-monitor'], [
      'garrison-aws-iam-access-key-created-for-other-user',
      'garrison-aws-cloudtrail-stopped',
    ]);
  });

  it('ignores findings below the severity floor and users the attacker only read', () => {
    const targets = containmentTargets([
      finding({ severity: 'low', principal: `arn:aws:iam::${ACCOUNT}:user/low-user` }),
      finding({ ruleId: 'garrison-aws-discovery-from-instance-role', severity: 'low' }),
      finding({
        ruleId: 'garrison-aws-unauthorized-api-call',
        resources: [`arn:aws:iam::${ACCOUNT}:user/alice`],
      }),
    ]);
    assert.deepEqual(targets.users, []);
    assert.deepEqual(targets.instances, ['i-0123456789abcdef0']);
  });

  it('a session that is not an instance id names the role only', () => {
    const targets = containmentTargets([
      finding({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci-run-42` }),
    ]);
    assert.deepEqual(targets.roles, ['deploy']);
    assert.deepEqual(targets.instances, []);
  });

  it('never turns hostile or foreign strings into targets', () => {
    const hostile = [
      `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/i-0123456789abcdef0; rm -rf /`,
      `arn:aws:sts::${ACCOUNT}:assumed-role/<script>alert(1)</script>/i-0123456789abcdef0`,
      `arn:aws:iam::${ACCOUNT}:user/evil\u001b[31mname`,
      `arn:aws:iam::${ACCOUNT}:user/${'a'.repeat(65)}`,
      'arn:aws:iam::999999999999:user/other-account-user',
      `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/i-XYZ`,
      '',
    ];
    const targets = containmentTargets(
      hostile.map((principal) =>
        finding({ principal, ruleId: 'garrison-aws-iam-login-profile-created', resources: [principal] }),
      ),
      { accountId: ACCOUNT },
    );
    assert.deepEqual(targets.instances, []);
    assert.deepEqual(targets.users, []);
    assert.deepEqual(targets.roles, ['web-role'], 'only the well-formed role of the i-XYZ session');
  });
});
