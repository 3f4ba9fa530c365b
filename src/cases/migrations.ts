import type Database from 'better-sqlite3';
import { GarrisonError } from '../errors.js';

/**
 * The case store's schema, one numbered migration per entry (entry 0 brings user_version 0 to 1).
 * Never edit a migration that has shipped: add a new one at the end.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: cases, the actions journal, evidence and its chain of custody.
  `CREATE TABLE cases (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'contained', 'recovered', 'closed')),
     severity TEXT NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high', 'critical')),
     summary TEXT NOT NULL DEFAULT '',
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     detected_at TEXT,
     contained_at TEXT,
     recovered_at TEXT,
     closed_at TEXT
   );
   CREATE TABLE actions (
     id INTEGER PRIMARY KEY,
     case_id TEXT NOT NULL REFERENCES cases(id),
     run_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('apply', 'undo')),
     undoes INTEGER REFERENCES actions(id),
     playbook TEXT NOT NULL,
     step_id TEXT NOT NULL,
     target TEXT NOT NULL,
     target_detail TEXT,
     account TEXT,
     region TEXT,
     summary TEXT NOT NULL DEFAULT '',
     plan TEXT,
     before_state TEXT,
     output TEXT,
     request_ids TEXT NOT NULL DEFAULT '[]',
     status TEXT NOT NULL,
     verify_ok INTEGER,
     verify_detail TEXT,
     error TEXT,
     actor_arn TEXT,
     local_user TEXT NOT NULL,
     started_at TEXT NOT NULL,
     finished_at TEXT
   );
   CREATE INDEX actions_by_step ON actions(case_id, playbook, target, step_id);
   CREATE TABLE evidence (
     id INTEGER PRIMARY KEY,
     case_id TEXT NOT NULL REFERENCES cases(id),
     action_id INTEGER REFERENCES actions(id),
     kind TEXT NOT NULL,
     aws_ids TEXT NOT NULL DEFAULT '[]',
     description TEXT NOT NULL,
     sha256 TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
     location TEXT,
     collected_by TEXT NOT NULL,
     collected_at TEXT NOT NULL
   );
   CREATE TABLE custody_events (
     id INTEGER PRIMARY KEY,
     evidence_id INTEGER NOT NULL REFERENCES evidence(id),
     event TEXT NOT NULL,
     actor TEXT NOT NULL,
     note TEXT NOT NULL DEFAULT '',
     at TEXT NOT NULL
   );
   CREATE TRIGGER evidence_is_append_only_u BEFORE UPDATE ON evidence
     BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
   CREATE TRIGGER evidence_is_append_only_d BEFORE DELETE ON evidence
     BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
   CREATE TRIGGER custody_is_append_only_u BEFORE UPDATE ON custody_events
     BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;
   CREATE TRIGGER custody_is_append_only_d BEFORE DELETE ON custody_events
     BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;`,
  // 2: what an investigation gathers: findings (deduplicated by source id), notes, indicators.
  `CREATE TABLE findings (
     id INTEGER PRIMARY KEY,
     case_id TEXT REFERENCES cases(id),
     source TEXT NOT NULL,
     source_id TEXT NOT NULL,
     severity TEXT NOT NULL,
     title TEXT NOT NULL,
     first_seen TEXT,
     last_seen TEXT,
     body TEXT NOT NULL,
     added_at TEXT NOT NULL,
     UNIQUE (source, source_id)
   );
   CREATE TABLE notes (
     id INTEGER PRIMARY KEY,
     case_id TEXT NOT NULL REFERENCES cases(id),
     author TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE iocs (
     id INTEGER PRIMARY KEY,
     case_id TEXT NOT NULL REFERENCES cases(id),
     kind TEXT NOT NULL,
     value TEXT NOT NULL,
     source TEXT NOT NULL DEFAULT '',
     first_seen TEXT,
     last_seen TEXT,
     UNIQUE (case_id, kind, value)
   );`,
  // 3: one applying run per (case, playbook, target) at a time, across processes.
  `CREATE TABLE run_locks (
     case_id TEXT NOT NULL REFERENCES cases(id),
     playbook TEXT NOT NULL,
     target TEXT NOT NULL,
     run_id TEXT NOT NULL,
     host TEXT NOT NULL,
     pid INTEGER NOT NULL,
     acquired_at TEXT NOT NULL,
     PRIMARY KEY (case_id, playbook, target)
   );`,
  // 4: how often an indicator was seen; findings looked up by case.
  `ALTER TABLE iocs ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
   CREATE INDEX findings_by_case ON findings(case_id);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to `target` (default: the latest) in one immediate transaction, so two
 * processes opening a new store at once cannot both migrate. Refuses a store newer than this garrison.
 */
export function migrate(
  db: Database.Database,
  target: number = SCHEMA_VERSION,
  migrations: readonly string[] = MIGRATIONS,
): number {
  const run = db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > migrations.length) {
      throw new GarrisonError(
        'conflict',
        `the case store has schema version ${current}, newer than this garrison knows (${migrations.length})`,
        { hint: 'upgrade garrison, or point --db at another case store' },
      );
    }
    for (let version = current; version < target; version++) {
      db.exec(migrations[version] as string);
    }
    if (target > current) db.pragma(`user_version = ${Math.trunc(target)}`);
    return Math.max(current, target);
  });
  return run.immediate();
}
