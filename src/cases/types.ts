/** What the case store holds, as the library sees it (times are ISO 8601 strings, UTC). */

export const CASE_STATUSES = ['open', 'contained', 'recovered', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Case {
  id: string;
  title: string;
  status: CaseStatus;
  severity: Severity;
  summary: string;
  createdBy: string;
  createdAt: string;
  detectedAt: string | null;
  containedAt: string | null;
  recoveredAt: string | null;
  closedAt: string | null;
}

/**
 * Journal status of one step run:
 * started (plan and before-state written, apply under way or interrupted) → applied → verified | unverified;
 * unchanged (nothing to do, state verified); failed; interrupted (the process died during apply; a later run
 * took over); for undo entries: undone | undo-failed.
 */
export type ActionStatus =
  | 'started'
  | 'applied'
  | 'verified'
  | 'unverified'
  | 'unchanged'
  | 'failed'
  | 'interrupted'
  | 'undone'
  | 'undo-failed';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One row of the actions journal: a step applied (kind apply) or reversed (kind undo). */
export interface ActionEntry {
  id: number;
  caseId: string;
  runId: string;
  kind: 'apply' | 'undo';
  /** For an undo entry: the apply entry it reverses. */
  undoes: number | null;
  playbook: string;
  stepId: string;
  target: string;
  targetDetail: JsonValue | null;
  account: string | null;
  region: string | null;
  summary: string;
  plan: JsonValue | null;
  before: JsonValue | null;
  output: JsonValue | null;
  requestIds: string[];
  status: ActionStatus;
  verifyOk: boolean | null;
  verifyDetail: string | null;
  error: string | null;
  actorArn: string | null;
  localUser: string;
  startedAt: string;
  finishedAt: string | null;
}

/** Who acts: the AWS caller identity (when known) and the person at the keyboard. */
export interface Actor {
  arn?: string | undefined;
  localUser: string;
}

export interface EvidenceItem {
  id: number;
  caseId: string;
  actionId: number | null;
  /** e.g. instance-metadata, ebs-snapshot, ami, console-output, bucket-policy, file. */
  kind: string;
  awsIds: string[];
  description: string;
  /** SHA-256 (hex) of the bytes garrison stored, when it stored any. */
  sha256: string | null;
  /** Where the bytes are (a path, an s3:// URL), when garrison stored any. */
  location: string | null;
  collectedBy: string;
  collectedAt: string;
}

export interface CustodyEvent {
  id: number;
  evidenceId: number;
  /** collected, copied, transferred, verified, viewed, ... */
  event: string;
  actor: string;
  note: string;
  at: string;
}

export interface Note {
  id: number;
  caseId: string;
  author: string;
  text: string;
  createdAt: string;
}
