import { type Command, Option } from 'commander';
import { hunt } from '../../detect/engine/hunt.js';
import { GarrisonError } from '../../errors.js';
import { caseIocs } from '../../investigate/case-iocs.js';
import { type Ioc, IocCollector, iocsOfRecords } from '../../investigate/iocs.js';
import { isEmptySelection } from '../../investigate/selection.js';
import { stixBundle } from '../../investigate/stix.js';
import { openCaseStore } from '../case-store.js';
import { awsClients } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { safeJson } from '../output/neutralise.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import { type Column, createWriter } from '../output/writers.js';
import { gatherFor, type SelectionOptions, selectionFlags, selectionOf } from './selection-options.js';

interface IocsOptions extends SelectionOptions {
  case?: string;
  format?: 'table' | 'json' | 'csv' | 'stix';
  output?: string;
}

const COLUMNS: readonly Column<Ioc>[] = [
  { header: 'kind', width: 10, value: (i) => i.kind },
  { header: 'first seen', width: 24, value: (i) => i.first },
  { header: 'last seen', width: 24, value: (i) => i.last },
  { header: 'count', width: 6, value: (i) => i.count },
  { header: 'value', value: (i) => i.value },
];

const HELP = `
Indicators of compromise: source IPs (not AWS service names), access key ids, principals, user
agents and resource ARNs, each with first and last seen and a count. From sources: with
--principal/--access-key/--session/--ip/--resource, of that activity (credentials followed); without,
of what the detections found. With --case and no source: the case's indicators (stored, and those of
its findings); with --case and sources: extracted, then stored in the case.

Formats: table, json, csv (spreadsheet-safe), stix (a STIX 2.1 bundle: garrison's identity and one
indicator per IOC, e.g. [ipv4-addr:value = '203.0.113.66']).

Examples:
  garrison iocs samples/ --format stix --output iocs.stix.json
  garrison iocs samples/ --access-key ASIACUIDUOKQOEXAMPLE --case case-20261119-abcd
  garrison iocs --case case-20261119-abcd --format csv`;

async function fromSources(sources: string[], o: IocsOptions, cmd: Command): Promise<Ioc[]> {
  if (!isEmptySelection(selectionOf(o))) {
    const { activity } = await gatherFor('iocs', sources, o, cmd);
    return iocsOfRecords(activity.records.map((r) => r.record));
  }
  const result = await hunt(sources, {
    clients: awsClients(cmd),
    ...(o.workers ? { workers: o.workers } : {}),
  });
  if (result.trail.rejected > 0) raiseExitCode(ExitCode.partial);
  const collector = new IocCollector();
  for (const f of result.findings) collector.addFinding(f);
  return collector.list();
}

export function registerIocs(program: Command): void {
  const command = program
    .command('iocs')
    .summary(
      'indicators of compromise (IPs, keys, principals, user agents, ARNs) as table, CSV, JSON or STIX 2.1',
    )
    .argument('[source...]', 'where to read CloudTrail from (as for hunt); none with --case');
  selectionFlags(command, ['principals', 'accessKeys', 'sessions', 'ips', 'resources'])
    .option(
      '--case <id>',
      'read the indicators of this case (no sources), or store them in it (with sources)',
    )
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
        'table',
        'json',
        'csv',
        'stix',
      ]),
    )
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', HELP)
    .action(async (sources: string[], options: IocsOptions, cmd: Command) => {
      if (sources.length === 0 && !options.case)
        throw new GarrisonError('usage', 'iocs needs sources or --case', {
          hint: 'garrison iocs samples/ or garrison iocs --case ID',
        });
      let iocs: Ioc[];
      if (sources.length > 0) {
        iocs = await fromSources(sources, options, cmd);
        if (options.case) {
          const store = openCaseStore(cmd);
          try {
            const saved = store.iocs.add(options.case, iocs, 'iocs');
            process.stderr.write(
              `iocs: ${saved.added} added to ${options.case}, ${saved.updated} already there\n`,
            );
          } finally {
            store.close();
          }
        }
      } else {
        const store = openCaseStore(cmd);
        try {
          iocs = caseIocs(store, options.case as string);
        } finally {
          store.close();
        }
      }
      const sink: OutputSink = options.output ? await fileSink(options.output) : streamSink(process.stdout);
      const format = options.format ?? (sink.isTerminal && !options.output ? 'table' : 'json');
      try {
        if (format === 'stix')
          await sink.write(`${safeJson(stixBundle(iocs, { context: options.case ?? '' }), 1)}\n`);
        else if (format === 'json')
          await sink.write(`${safeJson({ iocs, summary: { iocs: iocs.length } }, 1)}\n`);
        else {
          const writer = createWriter(format, sink, {
            tableColumns: COLUMNS,
            csvColumns: COLUMNS,
            toJson: (i) => i,
            jsonKey: 'iocs',
          });
          for (const ioc of iocs) await writer.write(ioc);
          await writer.end({});
        }
        await sink.close();
      } catch (error) {
        if ((error as { code?: string }).code !== 'EPIPE') throw error;
      }
      process.stderr.write(`iocs: ${iocs.length} indicators\n`);
    });
}
