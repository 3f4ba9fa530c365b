/**
 * The demo's preparation: the readiness audit of the bare account, `prepare apply` through its
 * library function (every change journaled in a preparation case), and the audit again, whose
 * result is the readiness the incident case keeps as evidence (what was in place when it happened).
 */
import type { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import { prepareAccount } from '../../prepare/apply/run.js';
import { type AuditReport, auditReadiness } from '../../prepare/audit.js';

export interface Preparation {
  caseId: string;
  before: number;
  after: AuditReport;
  /** The preparation run's status (complete: every step applied and verified). */
  status: string;
  stepsApplied: number;
  /** The trail prepare apply made or adopted, and its bucket. */
  trailName: string;
  trailBucket: string;
}

export async function prepareDemoAccount(
  clients: AwsClients,
  store: CaseStore,
  options: { region: string; accountId: string },
): Promise<Preparation> {
  const scope = { regions: [options.region] };
  const before = await auditReadiness(clients, scope);
  const caseId = store.cases.create({ title: `prepare account ${options.accountId}`, severity: 'low' }).id;
  const prepared = await prepareAccount(clients.forCase(caseId), {
    regions: [options.region],
    homeRegion: options.region,
    // The security team's address (a documentation domain): alarms need a subscribed topic.
    email: 'soc@example.com',
    apply: true,
    store,
    caseId,
  });
  const after = await auditReadiness(clients, scope);
  return {
    caseId,
    before: before.score,
    after: { score: after.score, checks: after.checks },
    status: prepared.run.status,
    stepsApplied: prepared.run.outcomes.filter((o) => o.status === 'applied').length,
    trailName: prepared.settings.trailName,
    trailBucket: prepared.settings.bucketName,
  };
}
