import type { GuardDutyFinding } from '../../guardduty/schema.js';
import { bucketsOf, instanceOf, instanceRoleOf, principalOf } from './targets.js';
import { type Recommendation, type RecommendationRule, typeParts } from './types.js';

/**
 * From GuardDuty finding to response: one row per finding type family, first match wins, after
 * GuardDuty's remediation guidance ("Remediating security issues discovered by GuardDuty"):
 * a compromised EC2 instance is isolated; exfiltrated instance credentials mean the instance's role
 * and the instance; compromised IAM credentials mean the user's key (or the role of the session);
 * an exposed or abused bucket gets a deny policy; Kubernetes/Runtime findings isolate the node when
 * GuardDuty names it; root credentials and everything else get manual guidance.
 */

const manual = (f: GuardDutyFinding, reason: string): Recommendation => ({
  playbook: 'manual',
  region: f.region,
  reason,
});

/** The principal's containment, or manual guidance when garrison cannot contain it. */
function containPrincipal(f: GuardDutyFinding): Recommendation[] {
  const p = principalOf(f);
  if (!p) return [manual(f, 'GuardDuty names no credentials: review the finding in the console')];
  switch (p.kind) {
    case 'iam-user':
      return [
        {
          playbook: 'iam-user',
          target: p.target,
          region: f.region,
          reason: `the credentials of IAM user ${p.userName} may be compromised: deactivate the key, revoke sessions`,
        },
      ];
    case 'iam-role':
      return [
        {
          playbook: 'iam-role',
          target: p.target,
          region: f.region,
          reason: `a session of role ${p.target} may be compromised: revoke its sessions`,
        },
      ];
    case 'root':
      return [rootGuidance(f)];
    case 'invalid-name':
      return [
        manual(f, 'the principal name in the finding is not a valid IAM name: check the finding by hand'),
      ];
    default:
      return [
        manual(
          f,
          `credentials of a ${p.userType} principal: revoke them where they were issued (identity provider, federation broker)`,
        ),
      ];
  }
}

function rootGuidance(f: GuardDutyFinding): Recommendation {
  return manual(
    f,
    'root credentials cannot be contained by a playbook: sign in as root, change the password, ' +
      'enable (or replace) MFA, delete root access keys, and review CloudTrail for what root did',
  );
}

const isRoot = (f: GuardDutyFinding) =>
  f.resource.accessKeyDetails?.userType === 'Root' || /\/RootCredentialUsage/i.test(f.type);

const resourceIs = (f: GuardDutyFinding, ...names: string[]) =>
  names.includes(typeParts(f.type).resource.toLowerCase());

const INBOUND_TARGET_FAMILIES =
  /^(SSHBruteForce|RDPBruteForce|PortProbeUnprotectedPort|PortProbeEMRUnprotectedPort)/;

export const RECOMMENDATION_TABLE: readonly RecommendationRule[] = [
  {
    family: 'root credential use',
    matches: isRoot,
    recommend: (f) => [rootGuidance(f)],
  },
  {
    family: 'instance credential exfiltration',
    matches: (f) => /^UnauthorizedAccess:IAMUser\/InstanceCredentialExfiltration/i.test(f.type),
    recommend: (f) => {
      const out: Recommendation[] = [];
      const role = instanceRoleOf(f);
      if (role)
        out.push({
          playbook: 'iam-role',
          target: role.role,
          region: f.region,
          reason: `the instance's role credentials are used outside the instance: revoke the role's sessions${
            role.fromProfile ? ' (role name taken from the instance profile: check it)' : ''
          }`,
        });
      else
        out.push(
          manual(f, 'the role of the exfiltrated credentials is not in the finding: find it in CloudTrail'),
        );
      const instance = instanceOf(f);
      if (instance)
        out.push({
          playbook: 'ec2',
          target: instance,
          region: f.region,
          reason: 'the instance the credentials came from may be compromised: isolate it and keep evidence',
        });
      return out;
    },
  },
  {
    family: 'IAM user credentials',
    matches: (f) => resourceIs(f, 'iamuser'),
    recommend: containPrincipal,
  },
  {
    family: 'S3 bucket policy and public access',
    matches: (f) => resourceIs(f, 's3') && typeParts(f.type).purpose.toLowerCase() === 'policy',
    recommend: (f) => {
      const buckets = bucketsOf(f);
      if (!buckets.length) return [manual(f, 'the finding names no bucket')];
      return buckets.map((bucket) => ({
        playbook: 's3-bucket' as const,
        target: bucket,
        region: f.region,
        reason: `bucket ${bucket} is exposed: block public access and deny all but responders`,
      }));
    },
  },
  {
    family: 'S3 data access',
    matches: (f) => resourceIs(f, 's3'),
    recommend: (f) => {
      const principal = principalOf(f) ? containPrincipal(f) : [];
      const buckets: Recommendation[] = bucketsOf(f).map((bucket) => ({
        playbook: 's3-bucket',
        target: bucket,
        region: f.region,
        reason: `data in ${bucket} is being read or destroyed by suspicious credentials: deny all but responders`,
      }));
      const out = [...principal, ...buckets];
      return out.length ? out : [manual(f, 'the finding names neither credentials nor a bucket')];
    },
  },
  {
    family: 'EC2 instance targeted from outside',
    matches: (f) =>
      resourceIs(f, 'ec2') &&
      f.service.resourceRole === 'TARGET' &&
      INBOUND_TARGET_FAMILIES.test(typeParts(f.type).family),
    recommend: (f) => [
      manual(
        f,
        'the instance is the target, not the actor: close the port in its security group (or allow only known addresses); isolate it only if the attempts succeeded',
      ),
    ],
  },
  {
    family: 'EC2 instance compromised',
    matches: (f) => resourceIs(f, 'ec2') || (f.resource.resourceType === 'Instance' && !!instanceOf(f)),
    recommend: (f) => {
      const instance = instanceOf(f);
      if (!instance) return [manual(f, 'the finding names no instance')];
      return [
        {
          playbook: 'ec2',
          target: instance,
          region: f.region,
          reason:
            'the instance may be compromised: isolate it, keep forensic copies, revoke its role sessions',
        },
      ];
    },
  },
  {
    family: 'Kubernetes and Runtime',
    matches: (f) =>
      resourceIs(f, 'kubernetes', 'runtime', 'eksruntime', 'ekscluster', 'ecs', 'container') ||
      ['EKSCluster', 'ECSCluster', 'Container'].includes(f.resource.resourceType),
    recommend: (f) => {
      const node = instanceOf(f);
      if (node)
        return [
          {
            playbook: 'ec2',
            target: node,
            region: f.region,
            reason:
              'the workload runs on this node: isolate the node (cordon and drain it in Kubernetes first)',
          },
        ];
      return [
        manual(
          f,
          "no node instance in the finding: cordon the node, delete or quarantine the pod, revoke the Kubernetes user's credentials and rotate secrets it could read",
        ),
      ];
    },
  },
];

/** What to do about a finding: the first family that matches, else a manual review. */
export function recommend(finding: GuardDutyFinding): { family: string; recommendations: Recommendation[] } {
  for (const rule of RECOMMENDATION_TABLE)
    if (rule.matches(finding)) return { family: rule.family, recommendations: rule.recommend(finding) };
  return {
    family: 'other',
    recommendations: [
      manual(
        finding,
        `no playbook for ${typeParts(finding.type).resource} findings: follow GuardDuty's remediation guidance`,
      ),
    ],
  };
}

/** The playbooks of a recommendation, for the finding's `playbook` field ("iam-role+ec2", "manual"). */
export function playbookLabel(recommendations: readonly Recommendation[]): string {
  return [...new Set(recommendations.map((r) => r.playbook))].join('+');
}
