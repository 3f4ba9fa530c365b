import type { Rejection } from '../../trail/record.js';
import { forTerminal } from './neutralise.js';

/** What a read of CloudTrail reports, in the shape `--format json` prints as `summary`. */
export interface ReadSummary {
  files: number;
  records: number;
  matched: number;
  rejected: number;
  errors: Rejection[];
}

/** Exactly the summary fields of the JSON contract, nothing else. */
export function summaryJson(summary: ReadSummary): ReadSummary {
  return {
    files: summary.files,
    records: summary.records,
    matched: summary.matched,
    rejected: summary.rejected,
    errors: summary.errors.map((e) => ({ location: e.location, reason: e.reason })),
  };
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * The summary for a person, on stderr: counts, then each rejection with its location and reason
 * (at most `cap`, then how many more), then notices. Locations and reasons can carry
 * attacker-chosen text (S3 keys, record snippets), so every line is neutralised.
 */
export function formatSummary(
  command: string,
  summary: ReadSummary,
  notices: readonly string[] = [],
  cap = 10,
): string {
  const lines = [
    `${command}: ${n(summary.files)} files, ${n(summary.records)} records, ${n(summary.matched)} matched, ${n(summary.rejected)} rejected`,
  ];
  for (const error of summary.errors.slice(0, cap)) {
    lines.push(`  rejected ${forTerminal(error.location)}: ${forTerminal(error.reason)}`);
  }
  const more = summary.rejected - Math.min(cap, summary.errors.length);
  if (more > 0) lines.push(`  ... and ${n(more)} more rejected (--format json lists up to 1,000)`);
  for (const notice of notices) lines.push(`note: ${forTerminal(notice)}`);
  return `${lines.join('\n')}\n`;
}
