import { z } from 'zod';

/**
 * What every detection says about itself, built-in or stateful: validated on load so a broken rule
 * fails loudly with its file and field. `detection` is a Sigma detection block (logic as Sigma);
 * rules whose logic is a TypeScript predicate leave it out and list the `eventNames` they can match.
 */
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PLAYBOOKS = ['ec2', 'iam-user', 'iam-role', 's3-bucket', 'none'] as const;
export type PlaybookName = (typeof PLAYBOOKS)[number];

export const detectionMetaSchema = z.strictObject({
  id: z
    .string()
    .regex(/^garrison-aws-[a-z0-9]+(-[a-z0-9]+)*$/, 'must look like garrison-aws-<words-with-dashes>'),
  title: z.string().min(5).max(120),
  description: z.string().min(20),
  severity: z.enum(SEVERITIES),
  mitre: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'MITRE ATT&CK technique id like T1562.008')).min(1),
  stratus: z
    .array(
      z
        .string()
        .regex(/^aws\.[a-z-]+\.[a-z0-9-]+$/, 'Stratus Red Team id like aws.defense-evasion.cloudtrail-stop'),
    )
    .default([]),
  guardduty: z
    .array(
      z.string().regex(/^[A-Za-z]+:[A-Za-z0-9]+\/[A-Za-z0-9.]+$/, 'GuardDuty type like Stealth:IAMUser/X'),
    )
    .default([]),
  cis: z.array(z.string().min(1)).default([]),
  falsePositives: z.array(z.string().min(3)).min(1),
  playbook: z.enum(PLAYBOOKS),
  references: z.array(z.url()).default([]),
  logsource: z
    .strictObject({ product: z.literal('aws'), service: z.literal('cloudtrail') })
    .default({ product: 'aws', service: 'cloudtrail' }),
  detection: z.record(z.string(), z.unknown()).optional(),
  eventNames: z.array(z.string().min(1)).optional(),
});

export type DetectionMeta = z.output<typeof detectionMetaSchema>;
/** The metadata of a detection without its logic: what `rules list` shows and findings carry. */
export type DetectionSummary = Omit<DetectionMeta, 'detection' | 'logsource'>;

export function summaryOf(meta: DetectionMeta): DetectionSummary {
  const { detection: _detection, logsource: _logsource, ...summary } = meta;
  return summary;
}
