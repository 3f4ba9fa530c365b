import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditReport } from './audit.js';
import { accountTable, problems, regionTable, statusCounts } from './audit-table.js';

const report: AuditReport = {
  score: 40,
  checks: [
    {
      id: 'cloudtrail-multi-region-logging',
      region: 'global',
      status: 'fail',
      detail: 'no CloudTrail trail exists',
      remediation: 'create a trail',
    },
    {
      id: 'cloudwatch-alarm-root-usage',
      region: 'global',
      status: 'fail',
      detail: 'no trail',
      remediation: 'apply',
    },
    {
      id: 'cloudwatch-alarm-vpc-changes',
      region: 'global',
      status: 'fail',
      detail: 'no trail',
      remediation: 'apply',
    },
    {
      id: 'guardduty-enabled',
      region: 'us-east-1',
      status: 'pass',
      detail: 'detector d1 is enabled',
      remediation: 'enable',
    },
    {
      id: 'guardduty-enabled',
      region: 'eu-west-1',
      status: 'error',
      detail: 'GuardDuty: access denied',
      remediation: 'enable',
    },
    {
      id: 'isolation-security-group',
      region: 'us-east-1',
      status: 'not_applicable',
      detail: 'no VPC',
      remediation: 'x',
    },
    { id: 'isolation-security-group', region: 'eu-west-1', status: 'pass', detail: 'ok', remediation: 'x' },
  ],
};

describe('audit tables', () => {
  it('puts checks answered per region in the region table, the rest in the account table', () => {
    assert.deepEqual(regionTable(report), [
      'REGION     GUARDDUTY-ENABLED  ISOLATION-SECURITY-GROUP',
      'eu-west-1  ERR                ok',
      'us-east-1  ok                 n/a',
    ]);
    const account = accountTable(report);
    assert.equal(account.length, 4);
    assert.match(account[0] ?? '', /^CHECK\s+REGION\s+STATUS\s+DETAIL$/);
    assert.match(
      account[1] ?? '',
      /^cloudtrail-multi-region-logging\s+global\s+FAIL\s+no CloudTrail trail exists$/,
    );
  });

  it('lists failures and errors, each fix once', () => {
    const lines = problems(report);
    assert.deepEqual(lines, [
      'FAIL cloudtrail-multi-region-logging [global]: no CloudTrail trail exists',
      '    fix: create a trail',
      'FAIL cloudwatch-alarm-root-usage [global]: no trail',
      '    fix: apply',
      'FAIL cloudwatch-alarm-vpc-changes [global]: no trail',
      'ERR guardduty-enabled [eu-west-1]: GuardDuty: access denied',
    ]);
    assert.deepEqual(statusCounts(report), { pass: 2, fail: 3, error: 1, not_applicable: 1 });
  });

  it('with one region only, everything is in the account table', () => {
    const single: AuditReport = { score: 0, checks: report.checks.filter((c) => c.region !== 'eu-west-1') };
    assert.deepEqual(regionTable(single), []);
    assert.equal(accountTable(single).length, 1 + single.checks.length);
  });
});
