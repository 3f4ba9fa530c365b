import type Database from 'better-sqlite3';
import { GarrisonError } from '../errors.js';
import type { CustodyEvent, EvidenceItem } from './types.js';
import { localUser, now } from './who.js';

/** Evidence as a step or a person hands it to the store. */
export interface NewEvidence {
  caseId: string;
  actionId?: number | undefined;
  kind: string;
  awsIds?: readonly string[] | undefined;
  description: string;
  sha256?: string | undefined;
  location?: string | undefined;
  collectedBy?: string | undefined;
}

const SHA256 = /^[0-9a-f]{64}$/;

interface EvidenceRow {
  id: number;
  case_id: string;
  action_id: number | null;
  kind: string;
  aws_ids: string;
  description: string;
  sha256: string | null;
  location: string | null;
  collected_by: string;
  collected_at: string;
}

function fromRow(r: EvidenceRow): EvidenceItem {
  return {
    id: r.id,
    caseId: r.case_id,
    actionId: r.action_id,
    kind: r.kind,
    awsIds: JSON.parse(r.aws_ids) as string[],
    description: r.description,
    sha256: r.sha256,
    location: r.location,
    collectedBy: r.collected_by,
    collectedAt: r.collected_at,
  };
}

/**
 * The evidence locker: items and their chain of custody. Both are append-only (SQLite triggers refuse
 * UPDATE and DELETE), so nothing garrison does, release included, can rewrite or drop evidence.
 */
export class EvidenceLocker {
  constructor(private readonly db: Database.Database) {}

  /** Stores an item and its first custody event ("collected") in one transaction. */
  add(input: NewEvidence): EvidenceItem {
    const sha256 = input.sha256?.toLowerCase();
    if (sha256 !== undefined && !SHA256.test(sha256)) {
      throw new GarrisonError('input', `not a SHA-256 digest: ${JSON.stringify(input.sha256)}`);
    }
    if (!input.kind.trim()) throw new GarrisonError('input', 'evidence needs a kind');
    const by = input.collectedBy ?? localUser();
    const add = this.db.transaction(() => {
      const at = now();
      const info = this.db
        .prepare(
          `INSERT INTO evidence (case_id, action_id, kind, aws_ids, description, sha256, location, collected_by,
             collected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.caseId,
          input.actionId ?? null,
          input.kind,
          JSON.stringify(input.awsIds ?? []),
          input.description,
          sha256 ?? null,
          input.location ?? null,
          by,
          at,
        );
      const id = Number(info.lastInsertRowid);
      this.recordCustody(id, 'collected', by, input.location ? `stored at ${input.location}` : '');
      return id;
    });
    return this.get(add.immediate());
  }

  /** Appends a custody event (transferred, copied, verified, viewed...) to an item's chain. */
  recordCustody(evidenceId: number, event: string, actor: string = localUser(), note = ''): CustodyEvent {
    const at = now();
    const info = this.db
      .prepare('INSERT INTO custody_events (evidence_id, event, actor, note, at) VALUES (?, ?, ?, ?, ?)')
      .run(evidenceId, event, actor, note, at);
    return { id: Number(info.lastInsertRowid), evidenceId, event, actor, note, at };
  }

  get(id: number): EvidenceItem {
    const row = this.db.prepare('SELECT * FROM evidence WHERE id = ?').get(id) as EvidenceRow | undefined;
    if (!row) throw new GarrisonError('not-found', `no evidence item ${id}`);
    return fromRow(row);
  }

  forCase(caseId: string): EvidenceItem[] {
    const rows = this.db.prepare('SELECT * FROM evidence WHERE case_id = ? ORDER BY id').all(caseId);
    return (rows as EvidenceRow[]).map(fromRow);
  }

  custody(evidenceId: number): CustodyEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM custody_events WHERE evidence_id = ? ORDER BY id')
      .all(evidenceId) as {
      id: number;
      evidence_id: number;
      event: string;
      actor: string;
      note: string;
      at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      evidenceId: r.evidence_id,
      event: r.event,
      actor: r.actor,
      note: r.note,
      at: r.at,
    }));
  }
}
