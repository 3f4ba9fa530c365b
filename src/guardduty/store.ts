import type { CaseStore } from '../cases/store.js';
import { GarrisonError } from '../errors.js';
import { type GuardDutyGarrisonFinding, toGarrisonFinding } from './convert.js';
import { guardDutyFindingSchema } from './schema.js';

/**
 * GuardDuty findings in the case store's findings table (source "guardduty", source_id the GuardDuty
 * finding id: one row per finding, deduplicated). All access to that table from GuardDuty code goes
 * through here, so it can move onto the case store's own findings API in one place.
 */
export const GUARDDUTY_SOURCE = 'guardduty';

export interface SavedFindings {
  added: number;
  updated: number;
}

/**
 * Saves findings, in one transaction, into a case or unassigned (caseId undefined). A finding seen
 * again is updated (GuardDuty updates findings as activity continues) and keeps its case unless a new
 * one is given. The case must exist.
 */
export function saveGuardDutyFindings(
  store: CaseStore,
  findings: readonly GuardDutyGarrisonFinding[],
  caseId?: string,
  now: Date = new Date(),
): SavedFindings {
  if (caseId) store.cases.get(caseId);
  const exists = store.db.prepare('SELECT 1 FROM findings WHERE source = ? AND source_id = ?');
  const upsert = store.db.prepare(
    `INSERT INTO findings (case_id, source, source_id, severity, title, first_seen, last_seen, body, added_at)
     VALUES (@caseId, @source, @id, @severity, @title, @first, @last, @body, @now)
     ON CONFLICT (source, source_id) DO UPDATE SET
       case_id = COALESCE(excluded.case_id, findings.case_id),
       severity = excluded.severity, title = excluded.title, first_seen = excluded.first_seen,
       last_seen = excluded.last_seen, body = excluded.body`,
  );
  return store.transaction(() => {
    const result = { added: 0, updated: 0 };
    for (const f of findings) {
      if (exists.get(GUARDDUTY_SOURCE, f.id)) result.updated++;
      else result.added++;
      upsert.run({
        caseId: caseId ?? null,
        source: GUARDDUTY_SOURCE,
        id: f.id,
        severity: f.severity,
        title: f.title,
        first: f.first_seen,
        last: f.last_seen,
        body: JSON.stringify(f),
        now: now.toISOString(),
      });
    }
    return result;
  });
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
export function assignGuardDutyFinding(store: CaseStore, id: string, caseId: string): void {
  store.cases.get(caseId);
  store.db
    .prepare('UPDATE findings SET case_id = ? WHERE source = ? AND source_id = ?')
    .run(caseId, GUARDDUTY_SOURCE, id);
}
