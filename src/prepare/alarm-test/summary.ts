import type { Rejection } from '../../trail/record.js';
import type { AlarmFilterSet } from './filters.js';
import type { AlarmTestReport, EventVerdict } from './run.js';

/** What an analyst reads in the RESULT column: ok, the alarms an attack would miss, the noise on a near miss. */
export function eventOutcome(e: EventVerdict): string {
  const parts: string[] = [];
  if (e.missed?.length) parts.push(`MISSED ${e.missed.join(', ')}`);
  if (e.unexpected?.length) parts.push(`NOISE ${e.unexpected.join(', ')}`);
  if (parts.length > 0) return parts.join('; ');
  if (e.expected) return 'ok';
  return e.alarms.length > 0 ? 'alarm' : 'no alarm';
}

/** The human summary for stderr: where the filters came from, what fired, what did not. */
export function alarmTestSummary(
  set: AlarmFilterSet,
  report: AlarmTestReport,
  rejections: readonly Rejection[],
): string[] {
  const lines = [`filters: ${report.filters.length} (${set.note})`];
  const broken = report.filters.filter((f) => f.error);
  for (const f of broken) lines.push(`  cannot evaluate filter ${f.name}: ${f.error}`);
  const noAlarm = report.filters.filter((f) => !f.error && f.alarms.length === 0);
  if (noAlarm.length)
    lines.push(`  filters with no alarm on their metric: ${noAlarm.map((f) => f.name).join(', ')}`);
  const never = report.filters.filter((f) => !f.error && f.matched === 0);
  if (never.length) lines.push(`  filters no event matched: ${never.map((f) => f.name).join(', ')}`);
  const raised = report.events.length - report.silent;
  lines.push(`events: ${report.events.length}, raised an alarm: ${raised}, raised none: ${report.silent}`);
  const attacks = report.events.filter((e) => e.attack);
  if (attacks.length > 0) {
    const ids = [...new Set(attacks.map((e) => e.attack as string))];
    const unseen = ids.filter((id) => attacks.every((e) => e.attack !== id || e.alarms.length === 0));
    const all = ids.length;
    lines.push(`detection pack attacks that raise no alarm: ${unseen.length} of ${all}`);
    if (unseen.length > 0) lines.push(`  ${unseen.join(', ')}`);
  }
  const tested = report.events.filter((e) => e.expected);
  if (tested.length > 0) {
    lines.push(
      report.failures === 0
        ? `test events: all ${tested.length} raised exactly their expected alarms`
        : `test events: ${report.failures} of ${tested.length} did not raise exactly their expected alarms`,
    );
  }
  if (rejections.length > 0) {
    lines.push(`rejected input: ${rejections.length}`);
    for (const r of rejections.slice(0, 10)) lines.push(`  ${r.location}: ${r.reason}`);
  }
  return lines;
}
