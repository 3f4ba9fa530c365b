import type { ActionEntry } from '../cases/types.js';
import { VERSION } from '../version.js';
import { blastRadius } from './blast-radius.js';
import { lessonsLearned } from './lessons.js';
import { responseMetrics } from './metrics.js';
import { milestones } from './milestones.js';
import type { ReportAction, ReportInput, ReportModel } from './model.js';
import { executiveSummary } from './summary.js';
import { activityChart, actor, timelineItems } from './timeline.js';

/** Raw events in the appendix: the first MAX_APPENDIX_EVENTS, the rest stay in the evidence file. */
export const MAX_APPENDIX_EVENTS = 1000;

function eventsAppendix(input: ReportInput): { title: string; value: unknown } {
  const n = input.events.length;
  if (n <= MAX_APPENDIX_EVENTS) return { title: `CloudTrail events (${n})`, value: input.events };
  return {
    title: `CloudTrail events (the first ${MAX_APPENDIX_EVENTS} of ${n}; all are in the cloudtrail-events evidence)`,
    value: input.events.slice(0, MAX_APPENDIX_EVENTS),
  };
}

function reportAction(a: ActionEntry): ReportAction {
  return {
    id: a.id,
    kind: a.kind,
    step: `${a.playbook}:${a.stepId}`,
    target: a.target,
    status: a.status,
    summary: a.summary,
    who: actor(a),
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    before: a.before,
    after: a.output,
    verify:
      a.verifyOk === null
        ? 'not verified'
        : `${a.verifyOk ? 'verified' : 'FAILED'}${a.verifyDetail ? `: ${a.verifyDetail}` : ''}`,
    requestIds: a.requestIds,
    error: a.error,
  };
}

/** Builds the report model from case data: pure (the clock is passed in), so renderers test on fixtures. */
export function buildReport(input: ReportInput, options: { generatedAt?: Date } = {}): ReportModel {
  const m = milestones(input);
  const metrics = responseMetrics(m);
  const blast = blastRadius(input);
  return {
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    generator: `garrison ${VERSION}`,
    case: input.case,
    summary: executiveSummary(input, m, metrics, blast),
    metrics,
    timeline: timelineItems(input, m),
    chart: activityChart(input, m),
    findings: input.findings,
    actions: input.actions.map(reportAction),
    evidence: input.evidence,
    eventSources: input.eventSources,
    iocs: input.iocs,
    blastRadius: blast,
    lessons: lessonsLearned(input),
    notes: input.notes,
    appendix: [
      ...input.evidence.map((e) => ({ title: `Evidence #${e.id} (${e.kind})`, value: e as unknown })),
      ...(input.events.length ? [eventsAppendix(input)] : []),
      ...(input.audit
        ? [{ title: `Readiness audit (${input.audit.at})`, value: input.audit as unknown }]
        : []),
    ],
  };
}
