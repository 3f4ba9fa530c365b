import type Database from 'better-sqlite3';
import { GarrisonError } from '../errors.js';
import type { ActionEntry, ActionStatus, Actor, JsonValue } from './types.js';
import { now } from './who.js';

/** What the runner writes before a step changes anything: the plan and the state it found. */
export interface ActionStart {
  caseId: string;
  runId: string;
  kind: 'apply' | 'undo';
  undoes?: number | undefined;
  playbook: string;
  stepId: string;
  target: string;
  /** The whole target object the playbook ran on (undo gets it back). */
  targetDetail?: JsonValue | undefined;
  account?: string | undefined;
  region?: string | undefined;
  summary: string;
  plan?: JsonValue | undefined;
  before?: JsonValue | undefined;
  actor: Actor;
  status?: ActionStatus;
}

/** What the runner writes after: the result, the AWS request ids and the verify outcome. */
export interface ActionFinish {
  status: ActionStatus;
  output?: JsonValue | undefined;
  requestIds?: readonly string[] | undefined;
  verifyOk?: boolean | undefined;
  verifyDetail?: string | undefined;
  error?: string | undefined;
}

interface ActionRow {
  id: number;
  case_id: string;
  run_id: string;
  kind: 'apply' | 'undo';
  undoes: number | null;
  playbook: string;
  step_id: string;
  target: string;
  target_detail: string | null;
  account: string | null;
  region: string | null;
  summary: string;
  plan: string | null;
  before_state: string | null;
  output: string | null;
  request_ids: string;
  status: ActionStatus;
  verify_ok: number | null;
  verify_detail: string | null;
  error: string | null;
  actor_arn: string | null;
  local_user: string;
  started_at: string;
  finished_at: string | null;
}

function json(value: JsonValue | undefined): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function parse(text: string | null): JsonValue | null {
  return text === null ? null : (JSON.parse(text) as JsonValue);
}

function fromRow(r: ActionRow): ActionEntry {
  return {
    id: r.id,
    caseId: r.case_id,
    runId: r.run_id,
    kind: r.kind,
    undoes: r.undoes,
    playbook: r.playbook,
    stepId: r.step_id,
    target: r.target,
    targetDetail: parse(r.target_detail),
    account: r.account,
    region: r.region,
    summary: r.summary,
    plan: parse(r.plan),
    before: parse(r.before_state),
    output: parse(r.output),
    requestIds: JSON.parse(r.request_ids) as string[],
    status: r.status,
    verifyOk: r.verify_ok === null ? null : r.verify_ok === 1,
    verifyDetail: r.verify_detail,
    error: r.error,
    actorArn: r.actor_arn,
    localUser: r.local_user,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** The actions journal: every step garrison applied or undid, written before and after the change. */
export class ActionJournal {
  constructor(private readonly db: Database.Database) {}

  /** Writes the entry (in its own transaction) and returns its id. */
  start(input: ActionStart): number {
    const info = this.db
      .prepare(
        `INSERT INTO actions (case_id, run_id, kind, undoes, playbook, step_id, target, target_detail, account, region,
           summary, plan, before_state, status, actor_arn, local_user, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.caseId,
        input.runId,
        input.kind,
        input.undoes ?? null,
        input.playbook,
        input.stepId,
        input.target,
        json(input.targetDetail),
        input.account ?? null,
        input.region ?? null,
        input.summary,
        json(input.plan),
        json(input.before),
        input.status ?? 'started',
        input.actor.arn ?? null,
        input.actor.localUser,
        now(),
      );
    return Number(info.lastInsertRowid);
  }

  /** Records the outcome of a started entry (read-merge-write in one immediate transaction). */
  finish(id: number, update: ActionFinish): ActionEntry {
    return this.db.transaction(() => this.finishNow(id, update)).immediate();
  }

  private finishNow(id: number, update: ActionFinish): ActionEntry {
    const info = this.db
      .prepare(
        `UPDATE actions SET status = ?, output = COALESCE(?, output), request_ids = ?, verify_ok = ?,
           verify_detail = ?, error = ?, finished_at = ? WHERE id = ?`,
      )
      .run(
        update.status,
        json(update.output),
        JSON.stringify([...new Set([...this.get(id).requestIds, ...(update.requestIds ?? [])])]),
        update.verifyOk === undefined ? null : update.verifyOk ? 1 : 0,
        update.verifyDetail ?? null,
        update.error ?? null,
        now(),
        id,
      );
    if (info.changes !== 1) throw new GarrisonError('internal', `no journal entry ${id}`);
    return this.get(id);
  }

  /** Writes a finished entry in one statement (a step that had nothing to do). */
  record(input: ActionStart, result: ActionFinish): ActionEntry {
    const write = this.db.transaction(() => this.finish(this.start(input), result));
    return write.immediate();
  }

  get(id: number): ActionEntry {
    const row = this.db.prepare('SELECT * FROM actions WHERE id = ?').get(id) as ActionRow | undefined;
    if (!row) throw new GarrisonError('not-found', `no journal entry ${id}`);
    return fromRow(row);
  }

  /** Every entry of a case, oldest first. */
  forCase(caseId: string): ActionEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM actions WHERE case_id = ? ORDER BY id')
      .all(caseId) as ActionRow[];
    return rows.map(fromRow);
  }

  /** The newest apply entry for one step of one playbook on one target in a case. */
  latestApply(caseId: string, playbook: string, target: string, stepId: string): ActionEntry | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM actions WHERE case_id = ? AND playbook = ? AND target = ? AND step_id = ? AND kind = 'apply'
         ORDER BY id DESC LIMIT 1`,
      )
      .get(caseId, playbook, target, stepId) as ActionRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** True when a later undo entry reversed this apply entry. */
  isUndone(actionId: number): boolean {
    const row = this.db
      .prepare(`SELECT 1 FROM actions WHERE kind = 'undo' AND undoes = ? AND status = 'undone' LIMIT 1`)
      .get(actionId);
    return row !== undefined;
  }
}
