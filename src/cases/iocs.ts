import type Database from 'better-sqlite3';
import { GarrisonError } from '../errors.js';
import type { Ioc, IocKind } from '../investigate/iocs.js';
import { IOC_KINDS } from '../investigate/iocs.js';

/** An indicator kept in a case, with what produced it (hunt, pivot, iocs, an analyst). */
export interface StoredIoc extends Ioc {
  caseId: string;
  source: string;
}

interface Row {
  case_id: string;
  kind: IocKind;
  value: string;
  source: string;
  first_seen: string | null;
  last_seen: string | null;
  count: number;
}

/** The indicators of compromise of each case: one per kind and value, sightings merged. */
export class IocBook {
  constructor(private readonly db: Database.Database) {}

  /**
   * Adds indicators to a case; one seen before widens its first/last seen and keeps the larger count
   * (so extracting from the same logs twice changes nothing).
   */
  add(caseId: string, iocs: readonly Ioc[], source = ''): { added: number; updated: number } {
    for (const ioc of iocs)
      if (!IOC_KINDS.includes(ioc.kind))
        throw new GarrisonError('input', `unknown indicator kind ${JSON.stringify(ioc.kind)}`);
    const find = this.db.prepare('SELECT 1 FROM iocs WHERE case_id = ? AND kind = ? AND value = ?');
    const upsert = this.db.prepare(
      `INSERT INTO iocs (case_id, kind, value, source, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, kind, value) DO UPDATE SET
         first_seen = min(COALESCE(iocs.first_seen, excluded.first_seen), excluded.first_seen),
         last_seen = max(COALESCE(iocs.last_seen, excluded.last_seen), excluded.last_seen),
         count = max(iocs.count, excluded.count)`,
    );
    const run = this.db.transaction(() => {
      const result = { added: 0, updated: 0 };
      for (const ioc of iocs) {
        if (find.get(caseId, ioc.kind, ioc.value)) result.updated++;
        else result.added++;
        upsert.run(caseId, ioc.kind, ioc.value, source, ioc.first, ioc.last, ioc.count);
      }
      return result;
    });
    return run.immediate();
  }

  forCase(caseId: string): StoredIoc[] {
    const rows = this.db
      .prepare('SELECT * FROM iocs WHERE case_id = ? ORDER BY kind, first_seen, value')
      .all(caseId) as Row[];
    return rows.map((r) => ({
      caseId: r.case_id,
      kind: r.kind,
      value: r.value,
      source: r.source,
      first: r.first_seen ?? '',
      last: r.last_seen ?? '',
      count: r.count,
    }));
  }
}
