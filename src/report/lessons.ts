import { CIS_METRIC_FILTERS } from '../prepare/cis/patterns.js';
import { compileFilterPattern } from '../prepare/filter-pattern/index.js';
import { principalOf } from '../trail/record.js';
import { earliest } from './durations.js';
import type { AlarmLesson, LateDetection, Lessons, ReportInput } from './model.js';

/** A finding first seen this long after its principal's first malicious event fired late. */
export const LATE_DETECTION_MS = 15 * 60 * 1000;

function alarmLessons(input: ReportInput): AlarmLesson[] {
  const audit = input.audit;
  const lessons: AlarmLesson[] = [];
  for (const cis of CIS_METRIC_FILTERS) {
    const pattern = compileFilterPattern(cis.pattern);
    const hits = input.events.filter((e) => pattern.matches(e));
    if (hits.length === 0) continue;
    const firstMatch = earliest(hits.map((e) => e.eventTime));
    const checks = audit?.checks.filter((c) => c.id === `cloudwatch-alarm-${cis.id}`) ?? [];
    const inPlace: AlarmLesson['inPlace'] =
      !audit || checks.length === 0 ? 'unknown' : checks.some((c) => c.status === 'pass') ? 'yes' : 'no';
    const verdict =
      inPlace === 'yes'
        ? `should have fired at ${firstMatch}: the alarm chain was in place at the audit (${audit?.at}); check its history for that time`
        : inPlace === 'no'
          ? `should have fired at ${firstMatch} but could not: ${checks.map((c) => c.detail).join('; ')}`
          : `should have fired at ${firstMatch}; whether it was in place is unknown (${audit ? 'the recorded audit did not check it' : 'no readiness audit recorded in the case'})`;
    lessons.push({
      filter: cis.id,
      title: cis.title,
      control: cis.control ?? null,
      matches: hits.length,
      firstMatch,
      inPlace,
      verdict,
    });
  }
  return lessons;
}

function lateDetections(input: ReportInput, thresholdMs: number): LateDetection[] {
  const firstByPrincipal = new Map<string, string>();
  for (const e of input.events) {
    const who = principalOf(e);
    const at = earliest([firstByPrincipal.get(who), e.eventTime]);
    if (at) firstByPrincipal.set(who, at);
  }
  const firstOverall = earliest(firstByPrincipal.values());
  const late: LateDetection[] = [];
  for (const { finding: f } of input.findings) {
    const firstEvent = firstByPrincipal.get(f.principal) ?? firstOverall;
    if (!firstEvent) continue;
    const delayMs = Date.parse(f.first_seen) - Date.parse(firstEvent);
    if (delayMs < thresholdMs) continue;
    late.push({
      finding: f.title,
      rule: f.rule.id,
      principal: f.principal,
      firstEvent,
      firstSeen: f.first_seen,
      delayMs,
    });
  }
  return late.sort((a, b) => b.delayMs - a.delayMs);
}

function readiness(input: ReportInput): Lessons['readiness'] {
  const audit = input.audit;
  if (!audit)
    return {
      recorded: false,
      at: null,
      score: null,
      failed: [],
      text: 'No readiness audit was recorded in the case.',
    };
  const failed = audit.checks.filter((c) => c.status === 'fail');
  const text =
    failed.length === 0
      ? `The readiness audit of ${audit.at} passed every check it answered.`
      : `The readiness audit of ${audit.at} failed ${failed.length} check(s)${audit.score === null ? '' : ` (score ${audit.score}/100)`}.`;
  return { recorded: true, at: audit.at, score: audit.score, failed, text };
}

/** Lessons learned, prefilled from the case: alarms that should have fired, readiness gaps, late detections. */
export function lessonsLearned(input: ReportInput, thresholdMs = LATE_DETECTION_MS): Lessons {
  return {
    alarms: alarmLessons(input),
    readiness: readiness(input),
    lateDetections: lateDetections(input, thresholdMs),
    lateThresholdMs: thresholdMs,
  };
}
