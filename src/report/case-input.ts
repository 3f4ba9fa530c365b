import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { exportCase } from '../cases/export.js';
import type { CaseStore } from '../cases/store.js';
import type { CheckResult } from '../prepare/audit.js';
import { type CloudTrailRecord, checkRecord } from '../trail/record.js';
import type { EventSource, EvidenceWithCustody, RecordedAudit, ReportInput } from './model.js';

/** Evidence kinds the report reads the bytes of. */
export const EVENTS_EVIDENCE = 'cloudtrail-events';
export const AUDIT_EVIDENCE = 'readiness-audit';
const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_REPORT_EVENTS = 20_000;

function readBytes(item: EvidenceWithCustody): {
  bytes?: Buffer;
  hashMatches: boolean | null;
  problem?: string;
} {
  const location = item.location ?? '';
  if (!location || /^[a-z][a-z0-9+.-]*:\/\//i.test(location))
    return { hashMatches: null, problem: `not a local file: ${location || '(no location)'}` };
  try {
    if (statSync(location).size > MAX_FILE_BYTES) return { hashMatches: null, problem: 'larger than 64 MiB' };
    const bytes = readFileSync(location);
    const hashMatches = item.sha256 ? createHash('sha256').update(bytes).digest('hex') === item.sha256 : null;
    return { bytes, hashMatches };
  } catch (error) {
    return { hashMatches: null, problem: (error as Error).message };
  }
}

function jsonValues(bytes: Buffer): unknown[] {
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8').trim();
  if (text.startsWith('{') && !text.includes('\n{')) {
    const doc = JSON.parse(text) as { Records?: unknown };
    return Array.isArray(doc.Records) ? doc.Records : [doc];
  }
  if (text.startsWith('[')) return JSON.parse(text) as unknown[];
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
}

/** The CloudTrail records of `cloudtrail-events` evidence ({"Records": [...]}, an array, or JSON lines, gzipped or not). */
export function readEventEvidence(evidence: readonly EvidenceWithCustody[]): {
  events: CloudTrailRecord[];
  sources: EventSource[];
} {
  const events: CloudTrailRecord[] = [];
  const sources: EventSource[] = [];
  for (const item of evidence.filter((e) => e.kind === EVENTS_EVIDENCE)) {
    const read = readBytes(item);
    const source: EventSource = {
      evidenceId: item.id,
      location: item.location ?? '',
      events: 0,
      hashMatches: read.hashMatches,
    };
    sources.push(source);
    if (!read.bytes) {
      source.problem = read.problem;
      continue;
    }
    let values: unknown[];
    try {
      values = jsonValues(read.bytes);
    } catch (error) {
      source.problem = `not CloudTrail JSON: ${(error as Error).message}`;
      continue;
    }
    let rejected = 0;
    for (const value of values) {
      const checked = checkRecord(value);
      if (!checked.ok) rejected++;
      else if (events.length < MAX_REPORT_EVENTS) {
        events.push(checked.record);
        source.events++;
      }
    }
    if (rejected) source.problem = `${rejected} record(s) rejected as not CloudTrail`;
  }
  events.sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
  return { events, sources };
}

/** The newest `readiness-audit` evidence whose file holds an audit ({ score, checks: [...] }). */
export function readRecordedAudit(evidence: readonly EvidenceWithCustody[]): RecordedAudit | null {
  const audits = evidence.filter((e) => e.kind === AUDIT_EVIDENCE).reverse();
  for (const item of audits) {
    const read = readBytes(item);
    if (!read.bytes || read.hashMatches === false) continue;
    try {
      const doc = JSON.parse(read.bytes.toString('utf8')) as { score?: unknown; checks?: unknown };
      if (!Array.isArray(doc.checks)) continue;
      const checks = (doc.checks as Partial<CheckResult>[])
        .filter((c) => typeof c?.id === 'string' && typeof c.status === 'string')
        .map((c) => ({
          id: String(c.id),
          region: String(c.region ?? ''),
          status: c.status as CheckResult['status'],
          detail: String(c.detail ?? ''),
          remediation: String(c.remediation ?? ''),
        }));
      return {
        at: item.collectedAt,
        evidenceId: item.id,
        score: typeof doc.score === 'number' ? doc.score : null,
        checks,
      };
    } catch {}
  }
  return null;
}

/** Reads one case and the files its evidence points to into a report input. */
export function reportInput(store: CaseStore, caseId: string): ReportInput {
  const doc = exportCase(store, caseId);
  const { events, sources } = readEventEvidence(doc.evidence);
  return {
    case: doc.case,
    actions: doc.actions,
    evidence: doc.evidence,
    notes: doc.notes,
    findings: doc.findings,
    iocs: doc.iocs,
    events,
    eventSources: sources,
    audit: readRecordedAudit(doc.evidence),
  };
}
