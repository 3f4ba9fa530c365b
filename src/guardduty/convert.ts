import type { Severity } from '../detect/engine/detection.js';
import type { Finding } from '../findings/finding.js';
import { playbookLabel, recommend } from '../respond/recommend/table.js';
import type { GuardDutyFinding } from './schema.js';

/**
 * A GuardDuty finding as a garrison finding: the same model hunt produces (so it is exported as
 * table, JSON, CSV, OCSF and ASFF the same way), with the GuardDuty finding id as its id and the
 * original finding kept under `guardduty` (for respond, and for other tools).
 */
export interface GuardDutyGarrisonFinding extends Finding {
  source: 'guardduty';
  guardduty: GuardDutyFinding;
}

/** GuardDuty's 0–10 scale: low < 4 ≤ medium < 7 ≤ high < 9 ≤ critical (attack sequences). */
export function severityOf(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

function ips(f: GuardDutyFinding): string[] {
  const a = f.service.action;
  const all = [
    a?.awsApiCallAction?.remoteIpDetails,
    a?.networkConnectionAction?.remoteIpDetails,
    a?.kubernetesApiCallAction?.remoteIpDetails,
    ...(a?.portProbeAction?.portProbeDetails ?? []).map((d) => d.remoteIpDetails),
  ].flatMap((r) => [r?.ipAddressV4, r?.ipAddressV6]);
  return [...new Set(all.filter((ip): ip is string => !!ip))];
}

function userAgents(f: GuardDutyFinding): string[] {
  const a = f.service.action;
  const all = [a?.awsApiCallAction?.userAgent, a?.kubernetesApiCallAction?.userAgent];
  return [...new Set(all.filter((ua): ua is string => !!ua))];
}

function eventNames(f: GuardDutyFinding): string[] {
  const a = f.service.action;
  const names = [
    a?.awsApiCallAction?.api,
    a?.kubernetesApiCallAction?.verb,
    a?.dnsRequestAction?.domain ? 'DNS_REQUEST' : undefined,
    a?.networkConnectionAction ? 'NETWORK_CONNECTION' : undefined,
    a?.portProbeAction ? 'PORT_PROBE' : undefined,
  ];
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** ARNs of what the finding is about (instance, buckets, cluster, function, the IAM user). */
function resources(f: GuardDutyFinding): string[] {
  const r = f.resource;
  const part = f.partition ?? 'aws';
  const out: string[] = [];
  const instance = r.instanceDetails?.instanceId;
  if (instance) out.push(`arn:${part}:ec2:${f.region}:${f.accountId}:instance/${instance}`);
  for (const b of r.s3BucketDetails ?? [])
    if (b.arn || b.name) out.push(b.arn ?? `arn:${part}:s3:::${b.name}`);
  if (r.eksClusterDetails?.arn) out.push(r.eksClusterDetails.arn);
  if (r.ecsClusterDetails?.arn) out.push(r.ecsClusterDetails.arn);
  if (r.lambdaDetails?.functionArn) out.push(r.lambdaDetails.functionArn);
  const key = r.accessKeyDetails;
  if (key?.userType === 'IAMUser' && key.userName)
    out.push(`arn:${part}:iam::${f.accountId}:user/${key.userName}`);
  if (key?.userType === 'AssumedRole' && key.userName)
    out.push(`arn:${part}:iam::${f.accountId}:role/${key.userName}`);
  return [...new Set(out)];
}

/** Who acted: the IAM principal GuardDuty names, else the Kubernetes user, else the instance. */
function principal(f: GuardDutyFinding): string {
  const key = f.resource.accessKeyDetails;
  const part = f.partition ?? 'aws';
  if (key?.userType === 'Root') return `arn:${part}:iam::${f.accountId}:root`;
  if (key?.userType === 'IAMUser' && key.userName)
    return `arn:${part}:iam::${f.accountId}:user/${key.userName}`;
  if (key?.userType === 'AssumedRole' && key.userName) {
    const session = key.principalId?.split(':')[1];
    return `arn:${part}:sts::${f.accountId}:assumed-role/${key.userName}${session ? `/${session}` : ''}`;
  }
  if (key?.userName) return key.userName;
  const k8s = f.resource.kubernetesDetails?.kubernetesUserDetails?.username;
  if (k8s) return `kubernetes:${k8s}`;
  const instance = f.resource.instanceDetails?.instanceId;
  if (instance) return `arn:${part}:ec2:${f.region}:${f.accountId}:instance/${instance}`;
  return f.resource.resourceType;
}

export function toGarrisonFinding(f: GuardDutyFinding): GuardDutyGarrisonFinding {
  const severity = severityOf(f.severity);
  const { recommendations } = recommend(f);
  return {
    id: f.id,
    source: 'guardduty',
    rule: {
      id: `guardduty:${f.type}`,
      title: f.title,
      severity,
      mitre: [],
      stratus: [],
      guardduty: [f.type],
    },
    severity,
    title: f.title,
    description: f.description,
    principal: principal(f),
    accounts: [f.accountId],
    regions: [f.region],
    resources: resources(f),
    source_ips: ips(f),
    user_agents: userAgents(f),
    event_names: eventNames(f),
    first_seen: new Date(f.service.eventFirstSeen ?? f.createdAt).toISOString(),
    last_seen: new Date(f.service.eventLastSeen ?? f.updatedAt).toISOString(),
    count: f.service.count ?? 1,
    event_ids: [],
    event_ids_truncated: false,
    playbook: playbookLabel(recommendations),
    guardduty: f,
  };
}
