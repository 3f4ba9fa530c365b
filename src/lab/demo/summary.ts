/** What the demo did, as the JSON it prints and leaves beside the report (demo-summary.json). */
import type { FindingsSummary } from '../../findings/finding.js';
import type { Containment, OpenedCase } from './case-file.js';
import type { Preparation } from './prepare.js';
import type { Replay } from './replay.js';
import type { ReportFiles } from './report-files.js';
import type { ContainmentTargets } from './targets.js';
import type { VictimWorkload } from './workload.js';

export interface DemoSummary {
  outputDir: string;
  endpoint: string;
  accountId: string;
  region: string;
  readiness: {
    mode: 'prepare-apply';
    prepareCase: string;
    status: string;
    stepsApplied: number;
    scoreBefore: number;
    scoreAfter: number;
    stillFailing: string[];
  };
  workload: VictimWorkload;
  attack: {
    trailBucket: string;
    trailCreatedByDemo: boolean;
    records: number;
    maliciousRecords: number;
    files: Replay['files'];
    firstMaliciousEvent: string;
    attackerIp: string;
    backdoorUser: string;
  };
  hunt: FindingsSummary;
  case: OpenedCase & { store: string };
  containment: {
    verified: boolean;
    targets: ContainmentTargets;
    runs: { playbook: string; target: string; status: string; steps: { id: string; status: string }[] }[];
  };
  report: ReportFiles;
  /** Milliseconds per phase and in all. */
  timings: Record<string, number>;
  totalMs: number;
}

export function demoSummary(input: {
  outputDir: string;
  endpoint: string;
  accountId: string;
  region: string;
  prepared: Preparation;
  workload: VictimWorkload;
  replay: Replay;
  hunted: FindingsSummary;
  opened: OpenedCase;
  targets: ContainmentTargets;
  contained: Containment;
  report: ReportFiles;
  casePath: string;
  timings: Record<string, number>;
  totalMs: number;
}): DemoSummary {
  const { replay } = input;
  return {
    outputDir: input.outputDir,
    endpoint: input.endpoint,
    accountId: input.accountId,
    region: input.region,
    readiness: {
      mode: 'prepare-apply',
      prepareCase: input.prepared.caseId,
      status: input.prepared.status,
      stepsApplied: input.prepared.stepsApplied,
      scoreBefore: input.prepared.before,
      scoreAfter: input.prepared.after.score,
      stillFailing: input.prepared.after.checks.filter((c) => c.status === 'fail').map((c) => c.id),
    },
    workload: input.workload,
    attack: {
      trailBucket: replay.trail.bucket,
      trailCreatedByDemo: replay.trail.created,
      records: replay.records.length,
      maliciousRecords: replay.malicious.length,
      files: replay.files,
      firstMaliciousEvent: replay.groundTruth.firstMaliciousTime,
      attackerIp: replay.groundTruth.attackerIp,
      backdoorUser: replay.backdoor.userName,
    },
    hunt: input.hunted,
    case: { ...input.opened, store: input.casePath },
    containment: {
      verified: input.contained.verified,
      targets: input.targets,
      runs: input.contained.runs.map((r) => ({
        playbook: r.playbook,
        target: r.target,
        status: r.status,
        steps: r.outcomes.map((o) => ({ id: o.stepId, status: o.status })),
      })),
    },
    report: input.report,
    timings: input.timings,
    totalMs: input.totalMs,
  };
}
