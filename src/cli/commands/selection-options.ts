import { type Command, InvalidArgumentError } from 'commander';
import { GarrisonError } from '../../errors.js';
import { type Activity, gatherActivity } from '../../investigate/gather.js';
import { isEmptySelection, type Selection } from '../../investigate/selection.js';
import { parseTime } from '../../trail/time.js';
import { awsClients } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { progressBar } from '../output/progress.js';
import { formatSummary } from '../output/summary.js';
import { collect } from './rule-options.js';

/** The flags of timeline, pivot and iocs: what to look at, when, and whether to follow credentials. */
export interface SelectionOptions {
  principal?: string[];
  accessKey?: string[];
  session?: string[];
  ip?: string[];
  resource?: string[];
  since?: string;
  until?: string;
  follow: boolean;
  account?: string[];
  regionFilter?: string[];
  workers?: number;
}

function workers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InvalidArgumentError('give a whole number from 1 to 256');
  return n;
}

export function selectionFlags(command: Command, which: readonly (keyof Selection)[]): Command {
  const flags: Record<string, [string, string]> = {
    principals: [
      '--principal <arn-or-name>',
      'a principal: ARN, user name, principal id or role (repeatable)',
    ],
    accessKeys: ['--access-key <id>', 'an access key id, AKIA… or ASIA… (repeatable)'],
    sessions: ['--session <id>', 'a session: its ASIA… key, session name or role-id:session (repeatable)'],
    ips: ['--ip <address>', 'a source IP address (repeatable)'],
    resources: ['--resource <arn-or-id>', 'a resource ARN or id: i-0abc…, a bucket, a user (repeatable)'],
  };
  for (const key of which) {
    const flag = flags[key];
    if (flag) command.option(flag[0], flag[1], collect);
  }
  return command
    .option('--since <time>', 'only activity at or after this time: ISO 8601 or relative (30m, 24h, 7d)')
    .option('--until <time>', 'only activity at or before this time')
    .option(
      '--no-follow',
      'do not follow credentials issued by the selection (AssumeRole, CreateAccessKey, …)',
    )
    .option('--account <id>', 'only read these accounts of an S3 trail', collect)
    .option('--region-filter <region>', 'only read these regions of an S3 trail', collect)
    .option('--workers <n>', 'decoding worker threads (default: one per CPU)', workers);
}

export function selectionOf(o: SelectionOptions): Selection {
  return {
    principals: o.principal,
    accessKeys: o.accessKey,
    sessions: o.session,
    ips: o.ip,
    resources: o.resource,
  };
}

/** Reads the sources for the selection, with a progress bar and the read summary on stderr. */
export async function gatherFor(
  name: string,
  sources: string[],
  o: SelectionOptions,
  command: Command,
): Promise<{ selection: Selection; activity: Activity }> {
  const selection = selectionOf(o);
  if (isEmptySelection(selection))
    throw new GarrisonError('usage', `${name} needs something to look at`, {
      hint: 'give --principal, --access-key, --session, --ip or --resource',
    });
  const now = Date.now();
  const since = o.since === undefined ? undefined : parseTime(o.since, now);
  const until = o.until === undefined ? undefined : parseTime(o.until, now);
  if (since !== undefined && until !== undefined && since > until)
    throw new GarrisonError('usage', '--since is after --until');
  const bar = progressBar();
  const activity = await gatherActivity(sources, selection, {
    follow: o.follow !== false,
    since,
    until,
    clients: awsClients(command),
    scope: {
      accounts: o.account ?? [],
      regions: o.regionFilter ?? [],
      // The window bounds the activity shown, not the chain: credentials may be issued before it.
      ...(until === undefined ? {} : { until: new Date(until) }),
    },
    ...(o.workers ? { workers: o.workers } : {}),
    onProgress: (p) => bar.update(p),
  }).finally(() => bar.stop());
  const read = { ...activity.trail, matched: activity.records.length };
  process.stderr.write(formatSummary(name, read, activity.trail.notices));
  if (activity.trail.rejected > 0) raiseExitCode(ExitCode.partial);
  return { selection, activity };
}
