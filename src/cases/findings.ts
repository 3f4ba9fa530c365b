import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Finding } from '../findings/finding.js';
import { compareFindings } from '../findings/finding.js';
import { groupingResource, MAX_EVENT_IDS } from '../findings/grouping.js';
import { now } from './who.js';

/** Where a finding came from: a garrison hunt, or GuardDuty (keyed by its finding id). */
export type FindingSource = 'hunt' | 'guardduty' | (string & {});

/** A finding as the case store holds it. */
export interface StoredFinding {
  caseId: string | null;
  source: FindingSource;
  /** The deduplication key within its source (the GuardDuty finding id; for hunts, rule × principal × resource × first window). */
  sourceId: string;
  addedAt: string;
  finding: Finding;
}

export interface AttachResult {
  added: number;
  updated: number;
}

interface Row {
  case_id: string | null;
  source: string;
  source_id: string;
  added_at: string;
  body: string;
}

const WINDOW_MS = 60 * 60 * 1000;

/** The hunt dedup key's stable part: rule × principal × resource (an S3 object counts as its bucket). */
export function huntKey(f: Finding): string {
  return createHash('sha256')
    .update([f.rule.id, f.principal, groupingResource(f.resources[0])].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

function overlaps(a: Finding, b: Finding, windowMs: number): boolean {
  return (
    Date.parse(a.first_seen) - Date.parse(b.last_seen) <= windowMs &&
    Date.parse(b.first_seen) - Date.parse(a.last_seen) <= windowMs
  );
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/**
 * Merges a finding seen again into the stored one: earliest first seen, latest last seen, sets
 * united, and a count that does not double when the same events are hunted twice (the union of
 * event ids when both lists are complete; otherwise the larger count when the windows overlap,
 * the sum when they do not).
 */
export function mergeFinding(old: Finding, next: Finding): Finding {
  const ids = union(old.event_ids, next.event_ids);
  const complete = !old.event_ids_truncated && !next.event_ids_truncated;
  const count = complete
    ? Math.max(ids.length, old.count, next.count)
    : overlaps(old, next, 0)
      ? Math.max(old.count, next.count)
      : old.count + next.count;
  return {
    ...old,
    severity: next.severity,
    rule: next.rule,
    title: next.title,
    description: next.description,
    accounts: union(old.accounts, next.accounts).sort(),
    regions: union(old.regions, next.regions).sort(),
    resources: union(old.resources, next.resources),
    source_ips: union(old.source_ips, next.source_ips),
    user_agents: union(old.user_agents, next.user_agents),
    event_names: union(old.event_names, next.event_names),
    first_seen: [old.first_seen, next.first_seen].sort()[0] as string,
    last_seen: [old.last_seen, next.last_seen].sort()[1] as string,
    count,
    event_ids: ids.slice(0, MAX_EVENT_IDS),
    event_ids_truncated: !complete || ids.length > MAX_EVENT_IDS,
  };
}

/**
 * Findings in the case store, from hunts and from GuardDuty, in one table. Attaching a finding
 * seen before updates it (counts, last seen) instead of adding a copy: a hunt finding is the same
 * when rule, principal and resource match and its time overlaps (or is within the window of) the
 * stored one; a GuardDuty finding is the same when its finding id matches (and is replaced: GuardDuty
 * keeps its findings current).
 */
export class FindingShelf {
  constructor(private readonly db: Database.Database) {}

  attach(
    caseId: string | null,
    findings: readonly Finding[],
    options: { source?: FindingSource; windowMs?: number } = {},
  ): AttachResult {
    const source = options.source ?? 'hunt';
    const windowMs = options.windowMs ?? WINDOW_MS;
    const candidates = this.db.prepare(
      'SELECT case_id, source, source_id, added_at, body FROM findings WHERE source = ? AND source_id LIKE ?',
    );
    const exact = this.db.prepare(
      'SELECT case_id, source, source_id, added_at, body FROM findings WHERE source = ? AND source_id = ?',
    );
    const insert = this.db.prepare(
      `INSERT INTO findings (case_id, source, source_id, severity, title, first_seen, last_seen, body, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = this.db.prepare(
      `UPDATE findings SET case_id = COALESCE(?, case_id), severity = ?, title = ?, first_seen = ?,
       last_seen = ?, body = ? WHERE source = ? AND source_id = ?`,
    );
    const run = this.db.transaction(() => {
      const result: AttachResult = { added: 0, updated: 0 };
      for (const f of findings) {
        let existing: Row | undefined;
        let sourceId: string;
        if (source === 'hunt') {
          const key = huntKey(f);
          sourceId = `${key}:${f.first_seen}`;
          const rows = candidates.all(source, `${key}:%`) as Row[];
          existing = rows.find((r) => overlaps(JSON.parse(r.body) as Finding, f, windowMs));
        } else {
          sourceId = f.id;
          existing = exact.get(source, sourceId) as Row | undefined;
        }
        if (!existing) {
          insert.run(
            caseId,
            source,
            sourceId,
            f.severity,
            f.title,
            f.first_seen,
            f.last_seen,
            JSON.stringify(f),
            now(),
          );
          result.added++;
          continue;
        }
        const merged = source === 'hunt' ? mergeFinding(JSON.parse(existing.body) as Finding, f) : f;
        update.run(
          caseId,
          merged.severity,
          merged.title,
          merged.first_seen,
          merged.last_seen,
          JSON.stringify(merged),
          source,
          existing.source_id,
        );
        result.updated++;
      }
      return result;
    });
    return run.immediate();
  }

  /** A case's findings (or the unassigned ones, for null), most severe first. */
  forCase(caseId: string | null): StoredFinding[] {
    const rows = (
      caseId === null
        ? this.db.prepare('SELECT * FROM findings WHERE case_id IS NULL ORDER BY id').all()
        : this.db.prepare('SELECT * FROM findings WHERE case_id = ? ORDER BY id').all(caseId)
    ) as Row[];
    return rows
      .map((r) => ({
        caseId: r.case_id,
        source: r.source,
        sourceId: r.source_id,
        addedAt: r.added_at,
        finding: JSON.parse(r.body) as Finding,
      }))
      .sort((a, b) => compareFindings(a.finding, b.finding) || a.sourceId.localeCompare(b.sourceId));
  }
}
