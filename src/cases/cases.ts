import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { GarrisonError } from '../errors.js';
import { CASE_STATUSES, type Case, type CaseStatus, type Note, SEVERITIES, type Severity } from './types.js';
import { localUser, now } from './who.js';

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CASE_ID = /^case-\d{8}-[a-z0-9]{4,8}$/;

/** A readable case id: case-YYYYMMDD-xxxx (UTC date, four random characters without 0/o/1/l/i). */
export function newCaseId(at: Date = new Date()): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  let suffix = '';
  for (let i = 0; i < 4; i++) suffix += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `case-${day}-${suffix}`;
}

export function isCaseId(value: string): boolean {
  return CASE_ID.test(value);
}

export interface NewCase {
  title: string;
  severity?: Severity;
  summary?: string;
  /** When the incident was detected (ISO 8601); defaults to unset. */
  detectedAt?: string;
  createdBy?: string;
}

interface CaseRow {
  id: string;
  title: string;
  status: CaseStatus;
  severity: Severity;
  summary: string;
  created_by: string;
  created_at: string;
  detected_at: string | null;
  contained_at: string | null;
  recovered_at: string | null;
  closed_at: string | null;
}

function fromRow(row: CaseRow): Case {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    severity: row.severity,
    summary: row.summary,
    createdBy: row.created_by,
    createdAt: row.created_at,
    detectedAt: row.detected_at,
    containedAt: row.contained_at,
    recoveredAt: row.recovered_at,
    closedAt: row.closed_at,
  };
}

function checkTime(value: string | undefined, field: string): string | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new GarrisonError('usage', `${field} is not a date and time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

/** The cases in the store: open one, list, show, move through open → contained → recovered → closed. */
export class CaseBook {
  constructor(private readonly db: Database.Database) {}

  create(input: NewCase): Case {
    const title = input.title.trim();
    if (!title) throw new GarrisonError('usage', 'a case needs a title');
    const severity = input.severity ?? 'medium';
    if (!SEVERITIES.includes(severity)) {
      throw new GarrisonError('usage', `unknown severity ${JSON.stringify(severity)}`, {
        hint: `one of ${SEVERITIES.join(', ')}`,
      });
    }
    const detectedAt = checkTime(input.detectedAt, 'detected at');
    const insert = this.db.prepare(
      `INSERT INTO cases (id, title, status, severity, summary, created_by, created_at, detected_at)
       VALUES (?, ?, 'open', ?, ?, ?, ?, ?)`,
    );
    for (let attempt = 0; ; attempt++) {
      const id = newCaseId();
      try {
        insert.run(
          id,
          title,
          severity,
          input.summary ?? '',
          input.createdBy ?? localUser(),
          now(),
          detectedAt,
        );
        return this.get(id);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' || attempt >= 8) throw error;
      }
    }
  }

  find(id: string): Case | undefined {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  get(id: string): Case {
    const found = this.find(id);
    if (!found) {
      throw new GarrisonError('not-found', `no case ${JSON.stringify(id)} in this case store`, {
        hint: 'garrison case list shows the cases; --db or GARRISON_DB chooses the store',
      });
    }
    return found;
  }

  list(filter: { status?: CaseStatus } = {}): Case[] {
    const rows = filter.status
      ? this.db.prepare('SELECT * FROM cases WHERE status = ? ORDER BY created_at, id').all(filter.status)
      : this.db.prepare('SELECT * FROM cases ORDER BY created_at, id').all();
    return (rows as CaseRow[]).map(fromRow);
  }

  /**
   * Moves a case to a status and stamps the matching time (the first time only: the time an incident
   * was first contained stays the time to report). Closing is final.
   */
  setStatus(id: string, status: CaseStatus, options: { summary?: string; at?: string } = {}): Case {
    if (!CASE_STATUSES.includes(status)) throw new GarrisonError('usage', `unknown case status ${status}`);
    const at = checkTime(options.at, 'time') ?? now();
    const column = { open: null, contained: 'contained_at', recovered: 'recovered_at', closed: 'closed_at' }[
      status
    ];
    const change = this.db.transaction(() => {
      const current = this.get(id);
      if (current.status === 'closed' && status !== 'closed') {
        throw new GarrisonError('conflict', `case ${id} is closed`);
      }
      this.db
        .prepare(
          `UPDATE cases SET status = ?, summary = COALESCE(?, summary)
           ${column ? `, ${column} = COALESCE(${column}, ?)` : ''} WHERE id = ?`,
        )
        .run(...(column ? [status, options.summary ?? null, at, id] : [status, options.summary ?? null, id]));
    });
    change.immediate();
    return this.get(id);
  }

  close(id: string, summary?: string): Case {
    return this.setStatus(id, 'closed', summary === undefined ? {} : { summary });
  }

  addNote(caseId: string, text: string, author: string = localUser()): Note {
    this.get(caseId);
    const at = now();
    const info = this.db
      .prepare('INSERT INTO notes (case_id, author, text, created_at) VALUES (?, ?, ?, ?)')
      .run(caseId, author, text, at);
    return { id: Number(info.lastInsertRowid), caseId, author, text, createdAt: at };
  }

  notes(caseId: string): Note[] {
    const rows = this.db
      .prepare('SELECT id, case_id, author, text, created_at FROM notes WHERE case_id = ? ORDER BY id')
      .all(caseId) as { id: number; case_id: string; author: string; text: string; created_at: string }[];
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      author: r.author,
      text: r.text,
      createdAt: r.created_at,
    }));
  }
}
