import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GarrisonError } from '../errors.js';
import { CaseBook } from './cases.js';
import { EvidenceLocker } from './evidence.js';
import { FindingShelf } from './findings.js';
import { IocBook } from './iocs.js';
import { ActionJournal } from './journal.js';
import { migrate } from './migrations.js';
import { resolveCaseStorePath } from './paths.js';
import { RunLocks } from './run-locks.js';

export interface OpenOptions {
  /** Wait this long for another garrison process's write lock (default 15 s). */
  busyTimeoutMs?: number;
  /** Open an existing store without creating or migrating it. */
  readonly?: boolean;
}

/**
 * The case store: one SQLite file (WAL, foreign keys, a busy timeout so concurrent garrison processes
 * queue instead of failing) holding cases, the actions journal and the evidence locker.
 */
export class CaseStore {
  readonly path: string;
  readonly db: Database.Database;
  readonly cases: CaseBook;
  readonly journal: ActionJournal;
  readonly evidence: EvidenceLocker;
  readonly locks: RunLocks;
  readonly findings: FindingShelf;
  readonly iocs: IocBook;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
    this.cases = new CaseBook(db);
    this.journal = new ActionJournal(db);
    this.evidence = new EvidenceLocker(db);
    this.locks = new RunLocks(db);
    this.findings = new FindingShelf(db);
    this.iocs = new IocBook(db);
  }

  /** Opens (creating and migrating if needed) the store at path, GARRISON_DB, or ~/.garrison/garrison.db. */
  static open(path?: string, options: OpenOptions = {}): CaseStore {
    const file = resolveCaseStorePath(path);
    let db: Database.Database;
    try {
      const onDisk = file !== ':memory:' && !options.readonly;
      if (onDisk) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const created = onDisk && !existsSync(file);
      db = new Database(file, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      });
      // The journal and evidence describe an incident: only their owner reads them (SQLite gives the
      // -wal and -shm files the same permissions).
      if (created) chmodSync(file, 0o600);
    } catch (cause) {
      throw new GarrisonError('input', `cannot open the case store ${file}: ${(cause as Error).message}`, {
        cause,
        hint: 'choose another path with --db or GARRISON_DB',
      });
    }
    try {
      const busyTimeoutMs = Math.trunc(options.busyTimeoutMs ?? 15_000);
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('foreign_keys = ON');
      if (!options.readonly) {
        useWal(db, busyTimeoutMs);
        // WAL + NORMAL: a killed process loses nothing committed; only an OS crash or power cut can drop the last commits.
        db.pragma('synchronous = NORMAL');
        migrate(db);
      }
    } catch (error) {
      db.close();
      if (error instanceof GarrisonError) throw error;
      throw new GarrisonError('input', `${file} is not a usable case store: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return new CaseStore(file, db);
  }

  /** Runs fn in one immediate transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Switches the store to WAL. SQLite does not wait on its busy handler while another process holds
 * the lock this switch needs (several garrison processes creating the store at the same moment),
 * so a busy answer is retried here, within the same busy timeout.
 */
function useWal(db: Database.Database, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(5 * (attempt + 1), 50));
    }
  }
}
