import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CaseStore } from '../cases/store.js';
import type { EvidenceItem } from '../cases/types.js';
import type { AuditReport } from '../prepare/audit.js';
import type { CloudTrailRecord } from '../trail/record.js';
import { AUDIT_EVIDENCE, EVENTS_EVIDENCE } from './case-input.js';

function keep(
  store: CaseStore,
  caseId: string,
  dir: string,
  name: string,
  kind: string,
  text: string,
  description: string,
  collectedBy: string | undefined,
): EvidenceItem {
  store.cases.get(caseId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = resolve(join(dir, `${caseId}-${name}`));
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
  return store.evidence.add({
    caseId,
    kind,
    description,
    sha256: createHash('sha256').update(text).digest('hex'),
    location: path,
    collectedBy,
  });
}

/**
 * Keeps the malicious CloudTrail events of a case as evidence (`cloudtrail-events`): a
 * {"Records": [...]} file under dir, its SHA-256 and a custody entry, for the report to read.
 */
export function keepMaliciousEvents(
  store: CaseStore,
  caseId: string,
  records: readonly CloudTrailRecord[],
  options: { dir: string; description?: string; collectedBy?: string },
): EvidenceItem {
  const stamp = new Date().toISOString().replace(/[:.]/g, '');
  return keep(
    store,
    caseId,
    options.dir,
    `events-${stamp}.json`,
    EVENTS_EVIDENCE,
    JSON.stringify({ Records: records }),
    options.description ?? `${records.length} malicious CloudTrail events`,
    options.collectedBy,
  );
}

/** Keeps a readiness audit in the case (`readiness-audit`), so the report can say what failed at the time. */
export function keepReadinessAudit(
  store: CaseStore,
  caseId: string,
  audit: AuditReport,
  options: { dir: string; collectedBy?: string },
): EvidenceItem {
  const stamp = new Date().toISOString().replace(/[:.]/g, '');
  return keep(
    store,
    caseId,
    options.dir,
    `readiness-audit-${stamp}.json`,
    AUDIT_EVIDENCE,
    JSON.stringify({ score: audit.score, checks: audit.checks }, null, 2),
    `readiness audit (score ${audit.score}/100)`,
    options.collectedBy,
  );
}
