import { InvalidArgumentError, Option } from 'commander';
import { SEVERITIES, type Severity } from '../../detect/engine/detection.js';
import { FINDING_FORMATS, type FindingFormat } from '../../findings/write.js';

/** Where pull and import put the findings: a case, a format, a file, and the severity that fails a pipeline. */
export interface OutputFlags {
  case?: string;
  format?: FindingFormat;
  output?: string;
  failOn?: Severity;
}

/** The filters `guardduty pull` sends to ListFindings, and the accounts and regions it reads. */
export interface PullFlags {
  minSeverity?: Severity;
  type?: string[];
  since?: string;
  until?: string;
  includeArchived?: boolean;
  regions?: string[];
  memberRole?: string[];
}

/** The queue `guardduty watch` consumes and how. */
export interface WatchFlags {
  queue: string;
  maxMessages: number;
  waitSeconds: number;
  once?: boolean;
  keepMalformed?: boolean;
  case?: string;
}

/** An option parser that takes a whole number from min to max, and refuses anything else. */
export function intIn(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`give a whole number from ${min} to ${max}`);
    return n;
  };
}

export function failOnOption() {
  return new Option(
    '--fail-on <severity>',
    'exit 3 when a finding at or above this severity came in',
  ).choices(SEVERITIES);
}

export function formatOption() {
  return new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(
    FINDING_FORMATS,
  );
}
