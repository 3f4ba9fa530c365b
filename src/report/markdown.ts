import { safeJson } from '../cli/output/neutralise.js';
import { formatDuration } from './durations.js';
import { clip, md, mdFence } from './escape.js';
import type { ReportModel } from './model.js';

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '_None._';
  const line = (cells: unknown[]) => `| ${cells.map((c) => md(clip(String(c ?? '')))).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

const json = (value: unknown) => safeJson(value ?? null, 2);

/** The report as Markdown: every value from the case escaped, so nothing in it can become a link, image or HTML. */
export function renderMarkdown(r: ReportModel): string {
  const c = r.case;
  const s: string[] = [];
  s.push(`# Incident report: ${md(c.title)}`);
  s.push(
    `Case ${md(c.id)} · severity ${md(c.severity)} · status ${md(c.status)} · opened ${md(c.createdAt)} by ${md(c.createdBy)} · generated ${md(r.generatedAt)} by ${md(r.generator)}`,
  );
  s.push('## Executive summary');
  s.push(`**What happened.** ${md(r.summary.whatHappened)}`);
  s.push(`**Impact.** ${md(r.summary.impact)}`);
  s.push(`**Status.** ${md(r.summary.status)}`);
  if (c.summary) s.push(`**Analyst summary.** ${md(c.summary)}`);
  s.push('## Metrics');
  s.push(
    table(
      ['Metric', 'Value', 'From', 'To', 'How it was computed'],
      r.metrics.map((m) => [m.label, m.display, m.from.at ?? 'unknown', m.to.at ?? 'unknown', m.method]),
    ),
  );
  s.push('## Timeline');
  if (r.chart) {
    const peak = Math.max(0, ...r.chart.counts.map((row) => row.reduce((a, b) => a + b, 0)));
    s.push(
      `Activity from ${md(r.chart.start)} to ${md(r.chart.end)} in ${md(formatDuration(r.chart.bucketMs))} buckets, peak ${peak} events per bucket (the HTML report draws the chart). Milestones: ${r.chart.markers.map((m) => `${md(m.label)} ${md(m.at)}`).join('; ') || 'none'}.`,
    );
  }
  s.push(
    table(
      ['Time (UTC)', 'Kind', 'What', 'Who', 'Severity', 'Detail'],
      r.timeline.map((t) => [t.at, t.kind, t.title, t.who, t.severity ?? '', t.detail]),
    ),
  );
  s.push('## Findings');
  s.push(
    table(
      [
        'Severity',
        'Finding',
        'Rule',
        'Principal',
        'Source',
        'First seen',
        'Last seen',
        'Events',
        'Source IPs',
        'User agents',
      ],
      r.findings.map(({ finding: f, source }) => [
        f.severity,
        f.title,
        f.rule.id,
        f.principal,
        source,
        f.first_seen,
        f.last_seen,
        f.count,
        f.source_ips.join(', '),
        f.user_agents.join(', '),
      ]),
    ),
  );
  s.push('## Response actions');
  if (r.actions.length === 0) s.push('_No response action was journaled._');
  for (const a of r.actions) {
    s.push(`### #${a.id} ${md(a.kind)} ${md(a.step)} on ${md(a.target)}: ${md(a.status)}`);
    s.push(
      `${md(a.summary)}  \nBy ${md(a.who)}, started ${md(a.startedAt)}, finished ${md(a.finishedAt ?? 'not finished')}. Verify: ${md(a.verify)}.${a.requestIds.length ? ` AWS request ids: ${md(a.requestIds.join(', '))}.` : ''}${a.error ? ` Error: ${md(a.error)}.` : ''}`,
    );
    s.push(`Before:\n\n${mdFence(json(a.before), 'json')}\n\nAfter:\n\n${mdFence(json(a.after), 'json')}`);
  }
  s.push('## Evidence and chain of custody');
  s.push(
    table(
      ['#', 'Kind', 'AWS ids', 'SHA-256', 'Location', 'Collected', 'Description'],
      r.evidence.map((e) => [
        e.id,
        e.kind,
        e.awsIds.join(', '),
        e.sha256 ?? 'none stored',
        e.location ?? '',
        `${e.collectedAt} by ${e.collectedBy}`,
        e.description,
      ]),
    ),
  );
  for (const e of r.evidence) {
    s.push(
      `Custody of #${e.id}:\n\n${table(
        ['When', 'Event', 'Actor', 'Note'],
        e.custody.map((x) => [x.at, x.event, x.actor, x.note]),
      )}`,
    );
  }
  for (const src of r.eventSources) {
    const hash =
      src.hashMatches === null
        ? 'no hash stored'
        : src.hashMatches
          ? 'SHA-256 matches'
          : 'SHA-256 DOES NOT MATCH';
    s.push(
      `- Events from evidence #${src.evidenceId} (${md(src.location)}): ${src.events} read, ${hash}${src.problem ? `; ${md(src.problem)}` : ''}.`,
    );
  }
  s.push('## Indicators of compromise');
  s.push(
    table(
      ['Kind', 'Value', 'First seen', 'Last seen', 'Count', 'Source'],
      r.iocs.map((i) => [i.kind, i.value, i.first, i.last, i.count, i.source]),
    ),
  );
  s.push('## Blast radius');
  s.push(
    `Malicious principals: ${r.blastRadius.principals.map(md).join(', ') || 'none known'} (from ${r.blastRadius.basis}).`,
  );
  s.push(
    table(
      ['Resource', 'Writes', 'Reads', 'Calls', 'By', 'First', 'Last'],
      r.blastRadius.resources.map((b) => [
        b.resource,
        b.writes,
        b.reads,
        b.calls.join(', '),
        b.principals.join(', '),
        b.first,
        b.last,
      ]),
    ),
  );
  s.push('## Lessons learned');
  s.push('### Alarms that should have fired');
  s.push(
    r.lessons.alarms.length === 0
      ? '_No CIS metric filter matches the malicious events the case holds._'
      : table(
          ['Alarm', 'Control', 'Matching events', 'First match', 'In place', 'Verdict'],
          r.lessons.alarms.map((a) => [
            a.filter,
            a.control ?? '',
            a.matches,
            a.firstMatch ?? '',
            a.inPlace,
            a.verdict,
          ]),
        ),
  );
  s.push('### Readiness at the time');
  s.push(md(r.lessons.readiness.text));
  if (r.lessons.readiness.failed.length)
    s.push(
      table(
        ['Check', 'Region', 'Detail', 'Remediation'],
        r.lessons.readiness.failed.map((f) => [f.id, f.region, f.detail, f.remediation]),
      ),
    );
  s.push('### Detections that fired late');
  s.push(
    r.lessons.lateDetections.length === 0
      ? `_No finding was first seen more than ${md(formatDuration(r.lessons.lateThresholdMs))} after its principal's first malicious event._`
      : table(
          ['Finding', 'Rule', 'Principal', 'First event', 'First seen', 'Late by'],
          r.lessons.lateDetections.map((l) => [
            l.finding,
            l.rule,
            l.principal,
            l.firstEvent,
            l.firstSeen,
            formatDuration(l.delayMs),
          ]),
        ),
  );
  if (r.notes.length) {
    s.push('## Analyst notes');
    s.push(
      table(
        ['When', 'Author', 'Note'],
        r.notes.map((n) => [n.createdAt, n.author, n.text]),
      ),
    );
  }
  s.push('## Appendix: raw evidence');
  for (const a of r.appendix) s.push(`### ${md(a.title)}\n\n${mdFence(json(a.value), 'json')}`);
  return `${s.join('\n\n')}\n`;
}
