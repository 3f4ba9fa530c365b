/**
 * The case side of the demo: open a case for what the hunt found, attach the findings and their
 * IOCs, keep the CloudTrail events behind the findings and the readiness audit as evidence (files
 * with their SHA-256, as the report reads them), then contain every target through the runner.
 */
import type { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import type { Finding } from '../../findings/finding.js';
import { iocsOfRecords } from '../../investigate/iocs.js';
import type { AuditReport } from '../../prepare/audit.js';
import { keepMaliciousEvents, keepReadinessAudit } from '../../report/evidence-files.js';
import { ec2Playbook, iamRolePlaybook, iamUserPlaybook } from '../../respond/playbooks/index.js';
import type { RunResult } from '../../respond/runner/outcome.js';
import { runPlaybook } from '../../respond/runner/run-playbook.js';
import type { Playbook, PlaybookTarget } from '../../respond/step.js';
import { type CloudTrailRecord, checkRecord } from '../../trail/record.js';
import type { ContainmentTargets } from './targets.js';

export interface OpenedCase {
  caseId: string;
  findingsAttached: number;
  eventsKept: number;
  iocs: number;
}

/** Opens the case and files what the hunt found: findings, IOCs, the events behind them, the audit. */
export async function openDemoCase(
  store: CaseStore,
  input: {
    findings: readonly Finding[];
    /** Every record hunted (as delivered); the ones behind a finding are kept as evidence. */
    records: readonly unknown[];
    source: string;
    /** The readiness audit of the account when the incident happened. */
    audit?: AuditReport | undefined;
    evidenceDir: string;
    title: string;
  },
): Promise<OpenedCase> {
  const worst = input.findings.some((f) => f.severity === 'critical') ? 'critical' : 'high';
  const opened = store.cases.create({
    title: input.title,
    severity: worst,
    summary: `garrison demo: ${input.findings.length} findings from hunting ${input.source}`,
  });
  const caseId = opened.id;
  const attached = store.findings.attach(caseId, input.findings, { source: 'hunt' });
  const behind = new Set(input.findings.flatMap((f) => f.event_ids));
  const events: CloudTrailRecord[] = [];
  for (const value of input.records) {
    const checked = checkRecord(value);
    if (checked.ok && behind.has(String(checked.record.eventID))) events.push(checked.record);
  }
  keepMaliciousEvents(store, caseId, events, {
    dir: input.evidenceDir,
    description: `${events.length} CloudTrail events behind the findings, read from ${input.source}`,
  });
  if (input.audit) keepReadinessAudit(store, caseId, input.audit, { dir: input.evidenceDir });
  const iocs = iocsOfRecords(events);
  store.iocs.add(caseId, iocs, 'demo hunt');
  return {
    caseId,
    findingsAttached: attached.added + attached.updated,
    eventsKept: events.length,
    iocs: iocs.length,
  };
}

export interface Containment {
  runs: RunResult[];
  /** Every run complete: each step applied and verified (or already as wanted). */
  verified: boolean;
}

/** Contains the instance, the role and the users with apply, journaled in the case; targets at once. */
export async function containTargets(
  clients: AwsClients,
  store: CaseStore,
  caseId: string,
  targets: ContainmentTargets,
  region: string,
  onNote?: (message: string) => void,
): Promise<Containment> {
  const caseClients = clients.forCase(caseId);
  const run = <T extends PlaybookTarget>(playbook: Playbook<T>, target: T) =>
    runPlaybook({
      playbook,
      target,
      clients: caseClients,
      apply: true,
      store,
      caseId,
      ...(onNote
        ? {
            onEvent: (e) =>
              e.type === 'step-note' ? onNote(`${target.id} ${e.stepId}: ${e.message}`) : undefined,
          }
        : {}),
    });
  const runs = await Promise.all([
    ...targets.instances.map((id) =>
      run(ec2Playbook, { id, region, decrementDesiredCapacity: false, nacl: false, keepRoleSessions: false }),
    ),
    ...targets.roles.map((id) => run(iamRolePlaybook, { id, region, removeFromInstanceProfiles: false })),
    ...targets.users.map((id) => run(iamUserPlaybook, { id, region })),
  ]);
  return { runs, verified: runs.length > 0 && runs.every((r) => r.status === 'complete') };
}
