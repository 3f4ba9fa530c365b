import { type Command, Option } from 'commander';
import { exportCase } from '../../cases/export.js';
import type { CaseStore } from '../../cases/store.js';
import { CASE_STATUSES, type Case, SEVERITIES, type Severity } from '../../cases/types.js';
import { GarrisonError } from '../../errors.js';
import { openCaseStore } from '../case-store.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { textTable } from '../playbook-output.js';
import { findingsAndIocsText, registerCaseTransfer } from './case-investigation.js';

const formatOption = () =>
  new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
    'table',
    'json',
  ]);

function chosenFormat(format: string | undefined): 'table' | 'json' {
  if (format === 'table' || format === 'json') return format;
  return process.stdout.isTTY ? 'table' : 'json';
}

function withStore<A extends unknown[]>(fn: (store: CaseStore, ...args: A) => void) {
  return function (this: Command, ...args: A) {
    const store = openCaseStore(this);
    try {
      fn(store, ...args);
    } finally {
      store.close();
    }
  };
}

function caseHeader(c: Case): string {
  const times = [
    `created ${c.createdAt} by ${c.createdBy}`,
    c.detectedAt && `detected ${c.detectedAt}`,
    c.containedAt && `contained ${c.containedAt}`,
    c.recoveredAt && `recovered ${c.recoveredAt}`,
    c.closedAt && `closed ${c.closedAt}`,
  ].filter(Boolean);
  const lines = [`${c.id}  [${c.status}]  severity ${c.severity}`, `title: ${c.title}`, times.join('; ')];
  if (c.summary) lines.push(`summary: ${c.summary}`);
  return `${lines.map(forTerminal).join('\n')}\n`;
}

function showCase(store: CaseStore, id: string, format: 'table' | 'json'): void {
  const dossier = exportCase(store, id);
  if (format === 'json') {
    process.stdout.write(`${safeJson(dossier, 2)}\n`);
    return;
  }
  const out: string[] = [caseHeader(dossier.case), findingsAndIocsText(store, id)];
  out.push(`\nACTIONS (${dossier.actions.length})\n`);
  out.push(
    textTable(
      ['id', 'kind', 'step', 'target', 'status', 'who', 'when', 'summary'],
      [5, 5, 28, 20, 11, 24, 24],
      dossier.actions.map((a) => [
        a.id,
        a.kind,
        `${a.playbook}:${a.stepId}`,
        a.target,
        a.status,
        a.actorArn ? `${a.actorArn.split(':').at(-1)} (${a.localUser})` : a.localUser,
        a.startedAt,
        a.error ? `${a.summary} (error: ${a.error})` : a.summary,
      ]),
    ),
  );
  out.push(`\nEVIDENCE (${dossier.evidence.length})\n`);
  out.push(
    textTable(
      ['id', 'kind', 'aws ids', 'sha256', 'custody'],
      [5, 18, 30, 16],
      dossier.evidence.map((e) => [
        e.id,
        e.kind,
        e.awsIds.join(' '),
        e.sha256 ?? '',
        e.custody.map((c) => `${c.event} by ${c.actor} at ${c.at}`).join('; '),
      ]),
    ),
  );
  if (dossier.notes.length > 0) {
    out.push(`\nNOTES (${dossier.notes.length})\n`);
    out.push(
      textTable(
        ['when', 'who', 'note'],
        [24, 16],
        dossier.notes.map((n) => [n.createdAt, n.author, n.text]),
      ),
    );
  }
  process.stdout.write(out.join(''));
}

function printCases(cases: Case[], format: 'table' | 'json'): void {
  if (format === 'json') {
    process.stdout.write(`${safeJson({ cases }, 2)}\n`);
    return;
  }
  const rows = cases.map((c) => [c.id, c.status, c.severity, c.createdAt, c.title]);
  process.stdout.write(textTable(['id', 'status', 'severity', 'created', 'title'], [18, 10, 13, 24], rows));
}

export function registerCase(program: Command): void {
  const cases = program
    .command('case')
    .description(
      'incident cases: open, list, show (findings, IOCs, actions, evidence, custody), note, export, import, close',
    )
    .addHelpText(
      'after',
      '\nExample:\n  garrison case new --title "Miner on web-1" --severity high\n  garrison case list',
    );

  cases
    .command('new')
    .description('open a case; prints its id')
    .requiredOption('--title <text>', 'what happened, in one line')
    .addOption(new Option('--severity <level>', 'how bad').choices([...SEVERITIES]).default('medium'))
    .option('--detected-at <time>', 'when the incident was detected (ISO 8601)')
    .option('--summary <text>', 'a longer description')
    .addOption(formatOption())
    .action(
      withStore(
        (
          store,
          options: {
            title: string;
            severity: Severity;
            detectedAt?: string;
            summary?: string;
            format?: string;
          },
        ) => {
          const kase = store.cases.create(options);
          if (chosenFormat(options.format) === 'json') process.stdout.write(`${safeJson(kase, 2)}\n`);
          else process.stdout.write(`${kase.id}\n`);
          process.stderr.write(`opened case ${kase.id} (${kase.severity}) in ${forTerminal(store.path)}\n`);
        },
      ),
    );

  cases
    .command('list')
    .description('list the cases, oldest first')
    .addOption(new Option('--status <status>', 'only cases with this status').choices([...CASE_STATUSES]))
    .addOption(formatOption())
    .action(
      withStore((store, options: { status?: (typeof CASE_STATUSES)[number]; format?: string }) => {
        printCases(
          store.cases.list(options.status ? { status: options.status } : {}),
          chosenFormat(options.format),
        );
      }),
    );

  cases
    .command('show')
    .description(
      'show a case: its times, findings by severity, indicators, every journaled action, the evidence and its chain of custody, notes',
    )
    .argument('<id>', 'the case id')
    .addOption(formatOption())
    .action(
      withStore((store, id: string, options: { format?: string }) => {
        showCase(store, id, chosenFormat(options.format));
      }),
    );

  cases
    .command('note')
    .description('add a note to a case (who and when are recorded)')
    .argument('<id>', 'the case id')
    .argument('<text>', 'the note')
    .action(
      withStore((store, id: string, text: string) => {
        if (!text.trim()) throw new GarrisonError('usage', 'the note is empty');
        const note = store.cases.addNote(id, text);
        process.stderr.write(`note ${note.id} added to ${id}\n`);
      }),
    );

  registerCaseTransfer(cases);

  cases
    .command('close')
    .description('close a case (final: a closed case takes no more changes)')
    .argument('<id>', 'the case id')
    .option('--summary <text>', 'the closing summary')
    .addOption(formatOption())
    .action(
      withStore((store, id: string, options: { summary?: string; format?: string }) => {
        const kase = store.cases.close(id, options.summary);
        if (chosenFormat(options.format) === 'json') process.stdout.write(`${safeJson(kase, 2)}\n`);
        else process.stdout.write(`${kase.id} closed at ${kase.closedAt}\n`);
      }),
    );
}
