import type { AttachResult } from '../cases/findings.js';
import type { CaseStore } from '../cases/store.js';
import { GarrisonError } from '../errors.js';
import { type GuardDutyGarrisonFinding, toGarrisonFinding } from './convert.js';
import { guardDutyFindingSchema } from './schema.js';

/**
 * GuardDuty findings in the case store: saved through the store's finding shelf (source "guardduty",
 * deduplicated by the GuardDuty finding id, replaced when GuardDuty updates it), and looked up by
 * that id for `garrison respond`.
 */
export const GUARDDUTY_SOURCE = 'guardduty';

/**
 * Saves findings into a case or unassigned (caseId undefined), in one transaction. A finding seen
 * again is updated and keeps its case unless a new one is given. The case must exist.
 */
export function saveGuardDutyFindings(
  store: CaseStore,
  findings: readonly GuardDutyGarrisonFinding[],
  caseId?: string,
): AttachResult {
  if (caseId) store.cases.get(caseId);
  return store.findings.attach(caseId ?? null, findings, { source: GUARDDUTY_SOURCE });
}

export interface StoredGuardDutyFinding {
  caseId: string | null;
  finding: GuardDutyGarrisonFinding;
}

/** A stored GuardDuty finding by its GuardDuty id; not-found when the store does not have it. */
export function guardDutyFindingById(store: CaseStore, id: string): StoredGuardDutyFinding {
  const row = store.db
    .prepare('SELECT case_id AS caseId, body FROM findings WHERE source = ? AND source_id = ?')
    .get(GUARDDUTY_SOURCE, id) as { caseId: string | null; body: string } | undefined;
  if (!row)
    throw new GarrisonError(
      'not-found',
      `no GuardDuty finding ${JSON.stringify(id.slice(0, 100))} in the case store`,
      {
        hint: 'bring it in first: garrison guardduty pull | import | watch',
      },
    );
  const body = JSON.parse(row.body) as { guardduty?: unknown };
  const parsed = guardDutyFindingSchema.safeParse(body.guardduty);
  if (!parsed.success)
    throw new GarrisonError('input', `stored finding ${id} no longer parses: ${parsed.error.message}`);
  return { caseId: row.caseId, finding: toGarrisonFinding(parsed.data) };
}

/** Puts a stored finding into a case (respond opens one for an unassigned finding). */
export function assignGuardDutyFinding(
  store: CaseStore,
  finding: GuardDutyGarrisonFinding,
  caseId: string,
): void {
  saveGuardDutyFindings(store, [finding], caseId);
}
