import { formatDuration } from './durations.js';
import { html } from './escape.js';
import { cell, nw, table } from './html-parts.js';
import type { ReportModel } from './model.js';

/** The Lessons learned section: alarms that should have fired, readiness at the time, detections that fired late. */
export function lessonsHtml(r: ReportModel): string {
  const l = r.lessons;
  const alarms = table(
    ['Alarm', 'Control', 'Matching events', 'First match', 'In place', 'Verdict'],
    l.alarms.map((a) => [
      nw(a.filter),
      nw(a.control ?? ''),
      String(a.matches),
      nw(a.firstMatch ?? ''),
      nw(a.inPlace),
      cell(a.verdict),
    ]),
    'No CIS metric filter matches the malicious events the case holds.',
  );
  const failed = l.readiness.failed.length
    ? table(
        ['Check', 'Region', 'Detail', 'Remediation'],
        l.readiness.failed.map((f) => [cell(f.id), cell(f.region), cell(f.detail), cell(f.remediation)]),
      )
    : '';
  const late = table(
    ['Finding', 'Rule', 'Principal', 'First event', 'First seen', 'Late by'],
    l.lateDetections.map((d) => [
      cell(d.finding),
      cell(d.rule),
      cell(d.principal, 160),
      nw(d.firstEvent),
      nw(d.firstSeen),
      nw(formatDuration(d.delayMs)),
    ]),
    `No finding was first seen more than ${formatDuration(l.lateThresholdMs)} after its principal's first malicious event.`,
  );
  return `<h3>Alarms that should have fired</h3>${alarms}<h3>Readiness at the time</h3><p>${html(l.readiness.text)}</p>${failed}<h3>Detections that fired late</h3>${late}`;
}
