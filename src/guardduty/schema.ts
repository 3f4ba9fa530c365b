import { z } from 'zod';

/**
 * The GuardDuty finding as GuardDuty documents it (the JSON of the console, EventBridge events and
 * S3 exports: camelCase). Only what garrison reads is typed; every other field is kept as it came
 * (loose objects), so nothing of the original finding is lost. Values are attacker-influenced text
 * (user names, user agents, tags, domains): they are typed here and neutralised where printed.
 */

/** The threat purposes GuardDuty's finding type format starts with (ThreatPurpose:Resource/Family). */
export const THREAT_PURPOSES = [
  'AttackSequence',
  'Backdoor',
  'Behavior',
  'CredentialAccess',
  'CryptoCurrency',
  'DefenseEvasion',
  'Discovery',
  'Execution',
  'Exfiltration',
  'Impact',
  'InitialAccess',
  'Object',
  'PenTest',
  'Persistence',
  'Policy',
  'PrivilegeEscalation',
  'Recon',
  'Stealth',
  'Trojan',
  'UnauthorizedAccess',
] as const;

/** ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact */
export const FINDING_TYPE = new RegExp(
  `^(${THREAT_PURPOSES.join('|')}):[A-Za-z0-9]+/[A-Za-z0-9][\\w.!-]*$`,
  'i',
);

const text = z.string().max(4096);
const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date');

const remoteIp = z.looseObject({ ipAddressV4: text.optional(), ipAddressV6: text.optional() });

export const accessKeyDetailsSchema = z.looseObject({
  accessKeyId: text.optional(),
  principalId: text.optional(),
  userName: text.optional(),
  userType: text.optional(),
});

export const instanceDetailsSchema = z.looseObject({
  instanceId: text.optional(),
  instanceState: text.optional(),
  availabilityZone: text.optional(),
  iamInstanceProfile: z.looseObject({ arn: text.optional(), id: text.optional() }).optional(),
  tags: z.array(z.looseObject({ key: text.optional(), value: text.optional() })).optional(),
});

const s3BucketSchema = z.looseObject({ arn: text.optional(), name: text.optional(), type: text.optional() });

export const resourceSchema = z.looseObject({
  resourceType: text,
  accessKeyDetails: accessKeyDetailsSchema.optional(),
  instanceDetails: instanceDetailsSchema.optional(),
  s3BucketDetails: z.array(s3BucketSchema).optional(),
  eksClusterDetails: z.looseObject({ name: text.optional(), arn: text.optional() }).optional(),
  kubernetesDetails: z
    .looseObject({
      kubernetesUserDetails: z.looseObject({ username: text.optional() }).optional(),
      kubernetesWorkloadDetails: z
        .looseObject({ name: text.optional(), namespace: text.optional() })
        .optional(),
    })
    .optional(),
  lambdaDetails: z.looseObject({ functionName: text.optional(), functionArn: text.optional() }).optional(),
  rdsDbInstanceDetails: z.looseObject({ dbInstanceIdentifier: text.optional() }).optional(),
  ecsClusterDetails: z.looseObject({ name: text.optional(), arn: text.optional() }).optional(),
});

export const actionSchema = z.looseObject({
  actionType: text.optional(),
  awsApiCallAction: z
    .looseObject({
      api: text.optional(),
      serviceName: text.optional(),
      callerType: text.optional(),
      userAgent: text.optional(),
      errorCode: text.optional(),
      remoteIpDetails: remoteIp.optional(),
    })
    .optional(),
  networkConnectionAction: z
    .looseObject({ connectionDirection: text.optional(), remoteIpDetails: remoteIp.optional() })
    .optional(),
  portProbeAction: z
    .looseObject({
      portProbeDetails: z.array(z.looseObject({ remoteIpDetails: remoteIp.optional() })).optional(),
    })
    .optional(),
  dnsRequestAction: z.looseObject({ domain: text.optional() }).optional(),
  kubernetesApiCallAction: z
    .looseObject({
      verb: text.optional(),
      requestUri: text.optional(),
      userAgent: text.optional(),
      remoteIpDetails: remoteIp.optional(),
    })
    .optional(),
});

export const serviceSchema = z.looseObject({
  action: actionSchema.optional(),
  count: z.number().int().nonnegative().optional(),
  eventFirstSeen: iso.optional(),
  eventLastSeen: iso.optional(),
  archived: z.boolean().optional(),
  detectorId: text.optional(),
  featureName: text.optional(),
  resourceRole: text.optional(),
  serviceName: text.optional(),
});

export const guardDutyFindingSchema = z.looseObject({
  schemaVersion: text.optional(),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,300}$/, 'not a GuardDuty finding id'),
  arn: text.optional(),
  type: z.string().regex(FINDING_TYPE, 'not a known GuardDuty finding type'),
  severity: z.number().min(0).max(10),
  title: text,
  description: z.string().max(16_384).default(''),
  accountId: z.string().regex(/^\d{12}$/, 'not a 12-digit account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region'),
  partition: text.optional(),
  createdAt: iso,
  updatedAt: iso,
  resource: resourceSchema,
  service: serviceSchema.default({}),
});

export type GuardDutyFinding = z.infer<typeof guardDutyFindingSchema>;

/**
 * GuardDuty's SDK (GetFindings) answers in PascalCase (`Resource.InstanceDetails.InstanceId`);
 * the documented JSON is camelCase. This lowers the first letter of every key, recursively, so
 * both parse with one schema. `__proto__` keys stay plain data (own properties, never prototypes).
 */
export function camelKeys(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => camelKeys(v, depth + 1));
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return value instanceof Date ? value.toISOString() : value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camelKeys(v, depth + 1)]),
  );
}

/** One input that is not a usable finding: where it came from and why. */
export interface RejectedFinding {
  /** File and line, message id, or position in a batch. */
  where: string;
  /** The finding id when one could be read. */
  id?: string | undefined;
  reason: string;
}

export type ParsedFinding =
  | { ok: true; finding: GuardDutyFinding }
  | { ok: false; rejected: RejectedFinding };

/** Validates one finding (either key case); never throws: a bad finding is a counted result. */
export function parseGuardDutyFinding(input: unknown, where: string): ParsedFinding {
  const value = camelKeys(input);
  const result = guardDutyFindingSchema.safeParse(value);
  if (result.success) return { ok: true, finding: result.data };
  const id = (value as { id?: unknown } | null)?.id;
  const issues = result.error.issues;
  const reason =
    issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(finding)'}: ${i.message}`)
      .join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
  return {
    ok: false,
    rejected: { where, ...(typeof id === 'string' ? { id: id.slice(0, 100) } : {}), reason },
  };
}
