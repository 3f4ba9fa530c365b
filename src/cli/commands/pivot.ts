import { type Command, Option } from 'commander';
import { loadDetector } from '../../investigate/detections.js';
import { pivotReport } from '../../investigate/pivot.js';
import { safeJson } from '../output/neutralise.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import { pivotScreen } from './pivot-screen.js';
import { gatherFor, type SelectionOptions, selectionFlags } from './selection-options.js';

interface PivotOptions extends SelectionOptions {
  format?: 'table' | 'json';
  output?: string;
}

const HELP = `
Answers, for an access key, a principal or an IP: who is behind it; the credentials it was issued
by and those it issued (AssumeRole, AssumeRoleWithSAML/WebIdentity, GetSessionToken,
GetFederationToken, CreateAccessKey, followed recursively into later events, with the users it
created); every source IP and user agent with first and last seen; regions and services; resources
created, changed, deleted (successful calls) and read; failed calls; and the detections that fired.
The table is one screen (lists capped); --format json has everything.

Examples:
  garrison pivot samples/ --access-key ASIACUIDUOKQOEXAMPLE
  garrison pivot s3://trail-bucket/AWSLogs/ --ip 203.0.113.66 --since 14d --format json --output pivot.json
  garrison pivot samples/ --principal arn:aws:iam::111122223333:user/svc-backup-monitor`;

export function registerPivot(program: Command): void {
  const command = program
    .command('pivot')
    .summary(
      'blast radius of an access key, principal or IP: identity, derived sessions, IPs, resources, detections',
    )
    .argument('<source...>', 'where to read CloudTrail from (as for hunt)');
  selectionFlags(command, ['accessKeys', 'principals', 'ips', 'sessions'])
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
        'table',
        'json',
      ]),
    )
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', HELP)
    .action(async (sources: string[], options: PivotOptions, cmd: Command) => {
      const { selection, activity } = await gatherFor('pivot', sources, options, cmd);
      const report = pivotReport(
        selection,
        activity.records,
        activity.chain,
        await loadDetector(
          {},
          activity.records.map((r) => r.record),
        ),
      );
      const sink: OutputSink = options.output ? await fileSink(options.output) : streamSink(process.stdout);
      const format = options.format ?? (sink.isTerminal && !options.output ? 'table' : 'json');
      const label = [
        ...(selection.accessKeys ?? []).map((k) => `access key ${k}`),
        ...(selection.principals ?? []).map((p) => `principal ${p}`),
        ...(selection.ips ?? []).map((ip) => `IP ${ip}`),
        ...(selection.sessions ?? []).map((s) => `session ${s}`),
      ].join(', ');
      try {
        await sink.write(format === 'json' ? `${safeJson(report, 1)}\n` : pivotScreen(report, label));
        await sink.close();
      } catch (error) {
        if ((error as { code?: string }).code !== 'EPIPE') throw error;
      }
    });
}
