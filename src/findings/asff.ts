import type { Severity } from '../detect/engine/detection.js';
import { VERSION } from '../version.js';
import type { Finding } from './finding.js';

/**
 * A finding in the AWS Security Finding Format, ready for Security Hub BatchImportFindings: the
 * account's default product ARN, the rule as generator, types under TTPs, at least one resource.
 * Attacker-chosen text (principal names, user agents) only travels in bounded fields.
 */
export interface AsffTarget {
  /** The account the findings are imported into; default: the finding's own account. */
  accountId?: string | undefined;
  /** Security Hub's region; default: the finding's first region, else us-east-1. */
  region?: string | undefined;
  /** The import time (CreatedAt/UpdatedAt); default now. */
  now?: Date;
}

const LABEL: Record<Severity, string> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function resourceOf(
  id: string,
  region: string,
): { Type: string; Id: string; Partition: string; Region: string } {
  const m = /^arn:([^:]+):([^:]+):[^:]*:[^:]*:(.*)$/.exec(id);
  const service = m?.[2];
  const rest = m?.[3] ?? '';
  let type = 'Other';
  if (service === 's3' && !rest.includes('/')) type = 'AwsS3Bucket';
  else if (service === 'ec2' && rest.startsWith('instance/')) type = 'AwsEc2Instance';
  else if (service === 'ec2' && rest.startsWith('security-group/')) type = 'AwsEc2SecurityGroup';
  else if (service === 'iam' && rest.startsWith('user/')) type = 'AwsIamUser';
  else if (service === 'iam' && rest.startsWith('role/')) type = 'AwsIamRole';
  else if (service === 'sts' && rest.startsWith('assumed-role/')) type = 'AwsIamRole';
  else if (service === 'cloudtrail') type = 'AwsCloudTrailTrail';
  else if (service === 'kms') type = 'AwsKmsKey';
  else if (service === 'lambda') type = 'AwsLambdaFunction';
  return { Type: type, Id: clip(id, 512), Partition: m?.[1] ?? 'aws', Region: region };
}

export function toAsff(finding: Finding, target: AsffTarget = {}): Record<string, unknown> {
  const account = target.accountId ?? finding.accounts[0] ?? '000000000000';
  const region = target.region ?? finding.regions[0] ?? 'us-east-1';
  const now = (target.now ?? new Date()).toISOString();
  const resources = (finding.resources.length ? finding.resources : [finding.principal])
    .slice(0, 32)
    .map((r) => resourceOf(r, region));
  const productFields: Record<string, string> = {
    'garrison/rule_id': finding.rule.id,
    'garrison/principal': clip(finding.principal, 1024),
    'garrison/event_count': String(finding.count),
    'garrison/event_ids': clip(finding.event_ids.slice(0, 20).join(','), 1024),
    'garrison/playbook': finding.playbook,
  };
  if (finding.rule.mitre.length) productFields['garrison/mitre'] = finding.rule.mitre.join(',');
  if (finding.rule.stratus.length) productFields['garrison/stratus'] = finding.rule.stratus.join(',');
  if (finding.rule.guardduty.length) productFields['garrison/guardduty'] = finding.rule.guardduty.join(',');
  const sourceIp = finding.source_ips.find((ip) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip));
  return {
    SchemaVersion: '2018-10-08',
    Id: `garrison/${finding.id}`,
    ProductArn: `arn:aws:securityhub:${region}:${account}:product/${account}/default`,
    ProductName: 'garrison',
    CompanyName: 'garrison',
    GeneratorId: `garrison/${finding.rule.id}`,
    AwsAccountId: account,
    Types: ['TTPs'],
    FirstObservedAt: finding.first_seen,
    LastObservedAt: finding.last_seen,
    CreatedAt: now,
    UpdatedAt: now,
    Severity: { Label: LABEL[finding.severity], Original: finding.severity },
    Title: clip(finding.title, 256),
    Description: clip(
      `${finding.description} Principal: ${finding.principal}. Events: ${finding.count}.`,
      1024,
    ),
    Resources: resources,
    ...(sourceIp ? { Network: { Direction: 'IN', SourceIpV4: sourceIp } } : {}),
    ProductFields: { ...productFields, 'garrison/version': VERSION },
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
  };
}
