import type { Severity } from '../detect/engine/detection.js';
import { VERSION } from '../version.js';
import type { Finding } from './finding.js';

/**
 * A finding as an OCSF Detection Finding (class 2004, category 2 Findings, schema 1.1): activity
 * Create, status New, the rule as the analytic, ATT&CK techniques, the principal as actor, the
 * resources, and the source IPs and event ids as evidence.
 */
export const OCSF_VERSION = '1.1.0';

const SEVERITY_ID: Record<Severity, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

function ms(iso: string): number {
  return Date.parse(iso);
}

function resourceType(arn: string): string {
  const m = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:([^/:]+)/.exec(arn);
  if (!m) return 'Other';
  return m[1] === 's3' ? 'AWS::S3::Bucket' : `AWS::${m[1]}::${m[2]}`;
}

export function toOcsf(finding: Finding): Record<string, unknown> {
  const account = finding.accounts[0];
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: SEVERITY_ID[finding.severity],
    severity: SEVERITY_NAME[finding.severity],
    status_id: 1,
    status: 'New',
    time: ms(finding.last_seen),
    start_time: ms(finding.first_seen),
    end_time: ms(finding.last_seen),
    count: finding.count,
    message: `${finding.title}: ${finding.principal}`,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'garrison', vendor_name: 'garrison', version: VERSION },
      uid: finding.id,
      log_name: 'CloudTrail',
    },
    finding_info: {
      uid: finding.id,
      title: finding.title,
      desc: finding.description,
      types: [finding.rule.id],
      first_seen_time: ms(finding.first_seen),
      last_seen_time: ms(finding.last_seen),
      analytic: { uid: finding.rule.id, name: finding.rule.title, type_id: 1, type: 'Rule' },
      attacks: finding.rule.mitre.map((id) => ({ technique: { uid: id } })),
      related_events: finding.event_ids.map((uid) => ({ uid, product_uid: 'cloudtrail' })),
    },
    actor: { user: { uid: finding.principal, name: finding.principal.replace(/^.*[:/]/, '') } },
    src_endpoint: finding.source_ips[0] ? { ip: finding.source_ips[0] } : undefined,
    cloud: { provider: 'AWS', region: finding.regions[0], account: account ? { uid: account } : undefined },
    resources: finding.resources.map((uid) => ({ uid, type: resourceType(uid) })),
    evidences: finding.source_ips.map((ip) => ({ src_endpoint: { ip } })),
    unmapped: {
      stratus: finding.rule.stratus,
      guardduty: finding.rule.guardduty,
      event_names: finding.event_names,
      user_agents: finding.user_agents,
      event_ids_truncated: finding.event_ids_truncated,
      playbook: finding.playbook,
    },
  };
}
