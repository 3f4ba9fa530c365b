import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';
import { defaultTestEvents } from '../../prepare/alarm-test/default-events.js';
import {
  type AlarmFilterSet,
  accountAlarmFilters,
  builtinAlarmFilters,
} from '../../prepare/alarm-test/filters.js';
import { type AlarmTestInput, type EventVerdict, testAlarmFilters } from '../../prepare/alarm-test/run.js';
import { alarmTestSummary, eventOutcome } from '../../prepare/alarm-test/summary.js';
import { readTrailEvents } from '../../prepare/alarm-test/trail-events.js';
import type { Rejection } from '../../trail/record.js';
import { ExitCode } from '../exit.js';
import { safeJson } from '../output/neutralise.js';
import type { OutputSink } from '../output/sink.js';
import { tableWriter } from '../output/table.js';
import { chosenFormat, lines, type PrepareIo, processIo } from './prepare-io.js';

export interface TestFiltersOptions {
  builtin?: boolean;
  format?: string;
}

/** `prepare test-filters`: the exit status it ends with (3 a test event misbehaved, 2 partial input). */
export async function runTestFilters(
  clients: AwsClients,
  sources: string[],
  options: TestFiltersOptions,
  io: PrepareIo = processIo,
): Promise<ExitCode> {
  let set: AlarmFilterSet;
  try {
    set = options.builtin ? builtinAlarmFilters() : await accountAlarmFilters(clients);
  } catch (error) {
    if (error instanceof GarrisonError) throw error;
    throw new GarrisonError('aws', `cannot read the account's metric filters: ${(error as Error).message}`, {
      cause: error,
      hint: 'use --builtin to test the built-in CIS filters without AWS',
    });
  }
  let inputs: AlarmTestInput[];
  let rejections: Rejection[] = [];
  let notices: string[] = [];
  if (sources.length === 0) {
    ({ events: inputs, notices } = await defaultTestEvents());
  } else {
    ({ events: inputs, rejections, notices } = await readTrailEvents(sources, clients));
  }
  const report = testAlarmFilters(set.filters, inputs);
  if (chosenFormat(options.format, io) === 'json') {
    const summary = { events: report.events.length, silent: report.silent, failures: report.failures };
    const { filters, events } = report;
    io.out(`${safeJson({ origin: set.origin, note: set.note, filters, events, rejections, summary }, 2)}\n`);
  } else {
    const sink: OutputSink = {
      isTerminal: io.isTerminal,
      write: async (t) => io.out(t),
      close: async () => {},
    };
    const table = tableWriter<EventVerdict>(sink, [
      { header: 'event', width: 64, value: (e) => e.name },
      { header: 'filters matched', width: 48, value: (e) => e.filters.join(', ') },
      { header: 'result', value: eventOutcome },
    ]);
    for (const e of report.events) await table.write(e);
    await table.end(undefined);
  }
  lines(io.err, [...notices, ...alarmTestSummary(set, report, rejections)]);
  if (report.failures > 0) return ExitCode.findings;
  if (rejections.length > 0 || report.filters.some((f) => f.error)) return ExitCode.partial;
  return ExitCode.ok;
}
