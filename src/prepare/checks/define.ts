import { z } from 'zod';
import { GarrisonError } from '../../errors.js';
import type { AccountSnapshot } from '../state/snapshot.js';

export const CHECK_STATUSES = ['pass', 'fail', 'error', 'not_applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const checkMetadataSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by "-"'),
  title: z.string().min(10),
  severity: z.enum(['high', 'medium', 'low']),
  /** Why an incident responder needs this, in one or two sentences. */
  whyItMatters: z.string().min(20),
  remediation: z.string().min(10),
  /** CIS AWS Foundations items and Security Hub control ids this relates to. */
  controls: z.array(z.string().min(3)),
});

export type CheckMetadata = z.infer<typeof checkMetadataSchema>;

/** One answer of a check: for one region (or `global`), with what was seen. */
export interface CheckOutcome {
  /** Set by checks that answer for several items (the 15 CIS alarms); defaults to the check's id. */
  id?: string;
  region: string;
  status: CheckStatus;
  detail: string;
  /** Overrides the metadata's remediation when the fix depends on what was seen. */
  remediation?: string;
}

/** A readiness check: metadata and a pure function over the account snapshot (no AWS calls). */
export interface ReadinessCheck {
  meta: CheckMetadata;
  run(snapshot: AccountSnapshot): CheckOutcome[];
}

/** Declares a check; the metadata is validated at load so a broken check fails loudly with its field. */
export function defineCheck(meta: CheckMetadata, run: ReadinessCheck['run']): ReadinessCheck {
  const parsed = checkMetadataSchema.safeParse(meta);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GarrisonError(
      'internal',
      `check ${meta.id ?? '?'}: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return { meta: parsed.data, run };
}

export const GLOBAL = 'global';
