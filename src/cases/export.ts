import { GarrisonError } from '../errors.js';
import { type CaseDossier, caseDossier } from './dossier.js';
import { CASE_EXPORT_FORMAT, CASE_EXPORT_VERSION, exportSchema } from './export-schema.js';
import type { StoredFinding } from './findings.js';
import type { StoredIoc } from './iocs.js';
import type { CaseStore } from './store.js';
import type { ActionEntry } from './types.js';

export { CASE_EXPORT_FORMAT, CASE_EXPORT_VERSION };

/** A whole case as one JSON document: what `garrison case export` writes and `case import` reads. */
export interface CaseExport extends CaseDossier {
  format: typeof CASE_EXPORT_FORMAT;
  version: typeof CASE_EXPORT_VERSION;
  findings: StoredFinding[];
  iocs: StoredIoc[];
}

export function exportCase(store: CaseStore, id: string): CaseExport {
  const dossier = caseDossier(store, id);
  return {
    format: CASE_EXPORT_FORMAT,
    version: CASE_EXPORT_VERSION,
    ...dossier,
    findings: store.findings.forCase(id),
    iocs: store.iocs.forCase(id),
  };
}

const asJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Reads a case export into the store in one transaction: everything or nothing. Row ids are kept
 * when they are free (so an import into a fresh store exports identically) and renumbered, with
 * their references, when they are not. A case or finding that is already there is refused.
 */
export function importCase(store: CaseStore, document: unknown): { caseId: string; renumbered: number } {
  const parsed = exportSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GarrisonError(
      'input',
      `not a garrison case export: ${issue?.path.join('.') || 'document'}: ${issue?.message}`,
    );
  }
  const doc = parsed.data;
  const db = store.db;
  const c = doc.case;
  let renumbered = 0;
  const insertWithId = (table: string, id: number, columns: string[], values: unknown[]): number => {
    const taken = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
    if (taken) renumbered++;
    const cols = taken ? columns : ['id', ...columns];
    const vals = taken ? values : [id, ...values];
    const info = db
      .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...vals);
    return Number(info.lastInsertRowid);
  };
  const run = db.transaction(() => {
    if (store.cases.find(c.id))
      throw new GarrisonError('conflict', `case ${c.id} is already in this case store`);
    db.prepare(
      `INSERT INTO cases (id, title, status, severity, summary, created_by, created_at, detected_at, contained_at, recovered_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.id,
      c.title,
      c.status,
      c.severity,
      c.summary,
      c.createdBy,
      c.createdAt,
      c.detectedAt,
      c.containedAt,
      c.recoveredAt,
      c.closedAt,
    );
    const actionIds = new Map<number, number>();
    for (const a of [...doc.actions].sort((x, y) => x.id - y.id)) {
      const undoes = a.undoes === null ? null : (actionIds.get(a.undoes) ?? null);
      actionIds.set(
        a.id,
        insertWithId(
          'actions',
          a.id,
          [
            'case_id',
            'run_id',
            'kind',
            'undoes',
            'playbook',
            'step_id',
            'target',
            'target_detail',
            'account',
            'region',
            'summary',
            'plan',
            'before_state',
            'output',
            'request_ids',
            'status',
            'verify_ok',
            'verify_detail',
            'error',
            'actor_arn',
            'local_user',
            'started_at',
            'finished_at',
          ],
          [
            c.id,
            a.runId,
            a.kind,
            undoes,
            a.playbook,
            a.stepId,
            a.target,
            asJson(a.targetDetail),
            a.account,
            a.region,
            a.summary,
            asJson(a.plan),
            asJson(a.before),
            asJson(a.output),
            JSON.stringify(a.requestIds),
            a.status as ActionEntry['status'],
            a.verifyOk === null ? null : a.verifyOk ? 1 : 0,
            a.verifyDetail,
            a.error,
            a.actorArn,
            a.localUser,
            a.startedAt,
            a.finishedAt,
          ],
        ),
      );
    }
    for (const e of [...doc.evidence].sort((x, y) => x.id - y.id)) {
      const actionId = e.actionId === null ? null : (actionIds.get(e.actionId) ?? null);
      const evidenceId = insertWithId(
        'evidence',
        e.id,
        [
          'case_id',
          'action_id',
          'kind',
          'aws_ids',
          'description',
          'sha256',
          'location',
          'collected_by',
          'collected_at',
        ],
        [
          c.id,
          actionId,
          e.kind,
          JSON.stringify(e.awsIds),
          e.description,
          e.sha256,
          e.location,
          e.collectedBy,
          e.collectedAt,
        ],
      );
      for (const ev of [...e.custody].sort((x, y) => x.id - y.id))
        insertWithId(
          'custody_events',
          ev.id,
          ['evidence_id', 'event', 'actor', 'note', 'at'],
          [evidenceId, ev.event, ev.actor, ev.note, ev.at],
        );
    }
    for (const n of [...doc.notes].sort((x, y) => x.id - y.id))
      insertWithId(
        'notes',
        n.id,
        ['case_id', 'author', 'text', 'created_at'],
        [c.id, n.author, n.text, n.createdAt],
      );
    const findingExists = db.prepare('SELECT 1 FROM findings WHERE source = ? AND source_id = ?');
    const insertFinding = db.prepare(
      `INSERT INTO findings (case_id, source, source_id, severity, title, first_seen, last_seen, body, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const raw = (document as { findings: { finding: object }[] }).findings;
    for (const [i, f] of doc.findings.entries()) {
      if (findingExists.get(f.source, f.sourceId))
        throw new GarrisonError(
          'conflict',
          `finding ${f.source}:${f.sourceId} is already in this case store`,
        );
      // The finding as it was written (key order and fields untouched), once checked.
      const body = { ...(raw[i]?.finding ?? {}), ...f.finding } as typeof f.finding;
      insertFinding.run(
        c.id,
        f.source,
        f.sourceId,
        body.severity,
        body.title,
        body.first_seen,
        body.last_seen,
        JSON.stringify(body),
        f.addedAt,
      );
    }
    const insertIoc = db.prepare(
      'INSERT INTO iocs (case_id, kind, value, source, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const i of doc.iocs) insertIoc.run(c.id, i.kind, i.value, i.source, i.first, i.last, i.count);
  });
  run.immediate();
  return { caseId: c.id, renumbered };
}
