import type { StoredFinding } from '../cases/findings.js';
import type { StoredIoc } from '../cases/iocs.js';
import type { ActionEntry, Case, CustodyEvent, EvidenceItem, JsonValue, Note } from '../cases/types.js';
import type { CheckResult } from '../prepare/audit.js';
import type { CloudTrailRecord } from '../trail/record.js';

/** Evidence as the report reads it: the item and its chain of custody. */
export type EvidenceWithCustody = EvidenceItem & { custody: CustodyEvent[] };

/** A readiness audit kept in the case (evidence of kind `readiness-audit`). */
export interface RecordedAudit {
  at: string;
  evidenceId: number;
  score: number | null;
  checks: CheckResult[];
}

/** Where the malicious events came from and whether their bytes still match the stored hash. */
export interface EventSource {
  evidenceId: number;
  location: string;
  events: number;
  /** true: SHA-256 matches; false: it does not; null: no hash was stored. */
  hashMatches: boolean | null;
  problem?: string | undefined;
}

/** Everything a report is built from: what the case store holds, plus the events its evidence points to. */
export interface ReportInput {
  case: Case;
  actions: ActionEntry[];
  evidence: EvidenceWithCustody[];
  notes: Note[];
  findings: StoredFinding[];
  iocs: StoredIoc[];
  /** The malicious CloudTrail events the case holds (evidence of kind `cloudtrail-events`). */
  events: CloudTrailRecord[];
  eventSources: EventSource[];
  audit: RecordedAudit | null;
}

export type MetricId = 'time-to-detect' | 'time-to-contain' | 'time-to-recover';

/** A response metric: a duration between two moments, or unknown with the reason. */
export interface Metric {
  id: MetricId;
  label: string;
  from: { label: string; at: string | null };
  to: { label: string; at: string | null };
  /** Milliseconds, or null when one end is unknown (or the end precedes the start). */
  ms: number | null;
  display: string;
  /** How it was computed, in words, including why it is unknown. */
  method: string;
}

export type TimelineKind = 'event' | 'finding' | 'action' | 'milestone';

export interface TimelineItem {
  at: string;
  kind: TimelineKind;
  title: string;
  who: string;
  severity?: string | undefined;
  detail: string;
}

export type MarkerKind = 'first-malicious-event' | 'first-finding' | 'containment';

export interface ChartModel {
  start: string;
  end: string;
  bucketMs: number;
  /** Principals drawn, most active first (the rest are counted as "other"). */
  principals: string[];
  /** counts[i][p]: events of principals[p] in bucket i. */
  counts: number[][];
  findings: { at: string; severity: string; title: string }[];
  markers: { kind: MarkerKind; label: string; at: string }[];
}

export interface BlastResource {
  resource: string;
  principals: string[];
  reads: number;
  writes: number;
  calls: string[];
  first: string;
  last: string;
}

export interface BlastRadius {
  principals: string[];
  /** `events` when computed from the case's CloudTrail events, `findings` when only findings were there. */
  basis: 'events' | 'findings' | 'none';
  resources: BlastResource[];
}

export interface AlarmLesson {
  filter: string;
  title: string;
  control: string | null;
  /** Malicious events the filter matches: the alarm should have fired on them. */
  matches: number;
  firstMatch: string | null;
  /** yes: in place at the recorded audit; no: the audit found it missing; unknown: no audit recorded. */
  inPlace: 'yes' | 'no' | 'unknown';
  verdict: string;
}

export interface LateDetection {
  finding: string;
  rule: string;
  principal: string;
  firstEvent: string;
  firstSeen: string;
  delayMs: number;
}

export interface Lessons {
  alarms: AlarmLesson[];
  readiness: {
    recorded: boolean;
    at: string | null;
    score: number | null;
    failed: CheckResult[];
    text: string;
  };
  lateDetections: LateDetection[];
  lateThresholdMs: number;
}

export interface ReportAction {
  id: number;
  kind: 'apply' | 'undo';
  step: string;
  target: string;
  status: string;
  summary: string;
  who: string;
  startedAt: string;
  finishedAt: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  verify: string;
  requestIds: string[];
  error: string | null;
}

export interface ExecutiveSummary {
  headline: string;
  whatHappened: string;
  impact: string;
  status: string;
}

/** The report, renderer-neutral: every renderer reads only this. */
export interface ReportModel {
  generatedAt: string;
  generator: string;
  case: Case;
  summary: ExecutiveSummary;
  metrics: Metric[];
  timeline: TimelineItem[];
  chart: ChartModel | null;
  findings: StoredFinding[];
  actions: ReportAction[];
  evidence: EvidenceWithCustody[];
  eventSources: EventSource[];
  iocs: StoredIoc[];
  blastRadius: BlastRadius;
  lessons: Lessons;
  notes: Note[];
  appendix: { title: string; value: unknown }[];
}
