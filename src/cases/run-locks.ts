import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { GarrisonError } from '../errors.js';
import { now } from './who.js';

export interface RunLock {
  caseId: string;
  playbook: string;
  target: string;
  runId: string;
  host: string;
  pid: number;
  acquiredAt: string;
}

/** True when a process with this id runs on this machine (EPERM: it exists, owned by someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Keeps two applying runs of the same playbook on the same target in a case apart (two terminals,
 * or the same instance given twice), so a step that is not idempotent is never applied twice at once.
 * A lock left by a process that died (SIGKILL, a crash) on this machine is taken over.
 */
export class RunLocks {
  constructor(private readonly db: Database.Database) {}

  acquire(lock: Omit<RunLock, 'host' | 'pid' | 'acquiredAt'>): RunLock {
    const mine: RunLock = { ...lock, host: hostname(), pid: process.pid, acquiredAt: now() };
    const take = this.db.transaction(() => {
      const held = this.held(lock.caseId, lock.playbook, lock.target);
      if (held && (held.host !== mine.host || alive(held.pid))) {
        throw new GarrisonError(
          'conflict',
          `${lock.playbook} on ${lock.target} in case ${lock.caseId} is already running (run ${held.runId}, process ${held.pid} on ${held.host}, since ${held.acquiredAt})`,
          {
            hint:
              held.host === mine.host
                ? 'wait for it to finish, then run again: the journal resumes where it stopped'
                : `if that process is gone, remove its lock: DELETE FROM run_locks WHERE run_id = '${held.runId}'`,
          },
        );
      }
      this.db
        .prepare(
          `INSERT OR REPLACE INTO run_locks (case_id, playbook, target, run_id, host, pid, acquired_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(mine.caseId, mine.playbook, mine.target, mine.runId, mine.host, mine.pid, mine.acquiredAt);
    });
    take.immediate();
    return mine;
  }

  release(lock: Pick<RunLock, 'caseId' | 'playbook' | 'target' | 'runId'>): void {
    this.db
      .prepare('DELETE FROM run_locks WHERE case_id = ? AND playbook = ? AND target = ? AND run_id = ?')
      .run(lock.caseId, lock.playbook, lock.target, lock.runId);
  }

  held(caseId: string, playbook: string, target: string): RunLock | undefined {
    const row = this.db
      .prepare('SELECT * FROM run_locks WHERE case_id = ? AND playbook = ? AND target = ?')
      .get(caseId, playbook, target) as
      | {
          case_id: string;
          playbook: string;
          target: string;
          run_id: string;
          host: string;
          pid: number;
          acquired_at: string;
        }
      | undefined;
    return row
      ? {
          caseId: row.case_id,
          playbook: row.playbook,
          target: row.target,
          runId: row.run_id,
          host: row.host,
          pid: row.pid,
          acquiredAt: row.acquired_at,
        }
      : undefined;
  }
}
