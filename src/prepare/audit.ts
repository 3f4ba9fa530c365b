import type { AwsClients } from '../aws/clients.js';
import type { CheckMetadata, CheckStatus, ReadinessCheck } from './checks/define.js';
import { READINESS_CHECKS } from './checks/index.js';
import { type AccountSnapshot, type AuditScope, gatherSnapshot } from './state/snapshot.js';

/** One line of the audit, exactly as `--format json` writes it. */
export interface CheckResult {
  id: string;
  region: string;
  status: CheckStatus;
  detail: string;
  remediation: string;
}

export interface AuditReport {
  /** 0-100: passed weight over answered weight (pass + fail); errors and not-applicable are not scored. */
  score: number;
  checks: CheckResult[];
}

const WEIGHT: Record<CheckMetadata['severity'], number> = { high: 3, medium: 2, low: 1 };

/** Evaluates the checks on a snapshot. A check that throws is reported as `error`, never stops the audit. */
export function evaluateReadiness(
  snapshot: AccountSnapshot,
  checks: readonly ReadinessCheck[] = READINESS_CHECKS,
): AuditReport & { severities: Record<string, CheckMetadata['severity']> } {
  const results: CheckResult[] = [];
  const severities: Record<string, CheckMetadata['severity']> = {};
  let passed = 0;
  let answered = 0;
  for (const check of checks) {
    let outcomes: ReturnType<ReadinessCheck['run']>;
    try {
      outcomes = check.run(snapshot);
    } catch (error) {
      outcomes = [{ region: 'global', status: 'error', detail: `check failed: ${(error as Error).message}` }];
    }
    for (const o of outcomes) {
      const id = o.id ?? check.meta.id;
      severities[id] = check.meta.severity;
      results.push({
        id,
        region: o.region,
        status: o.status,
        detail: o.detail,
        remediation: o.remediation ?? check.meta.remediation,
      });
      if (o.status === 'pass' || o.status === 'fail') {
        answered += WEIGHT[check.meta.severity];
        if (o.status === 'pass') passed += WEIGHT[check.meta.severity];
      }
    }
  }
  const score = answered === 0 ? 0 : Math.floor((100 * passed) / answered);
  return { score, checks: results, severities };
}

/** Reads the account once (read-only) and evaluates every readiness check over it. */
export async function auditReadiness(
  clients: AwsClients,
  scope: AuditScope = {},
): Promise<
  AuditReport & { snapshot: AccountSnapshot; severities: Record<string, CheckMetadata['severity']> }
> {
  const snapshot = await gatherSnapshot(clients, scope);
  return { ...evaluateReadiness(snapshot), snapshot };
}
