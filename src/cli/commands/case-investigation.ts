import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exportCase, importCase } from '../../cases/export.js';
import type { StoredFinding } from '../../cases/findings.js';
import type { CaseStore } from '../../cases/store.js';
import { SEVERITIES } from '../../detect/engine/detection.js';
import { GarrisonError } from '../../errors.js';
import { caseIocs } from '../../investigate/case-iocs.js';
import { openCaseStore } from '../case-store.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { fileSink, type OutputSink, streamSink } from '../output/sink.js';
import { textTable } from '../playbook-output.js';

/** The findings and IOC sections of `case show`: findings by severity, then the indicators. */
export function findingsAndIocsText(store: CaseStore, id: string): string {
  const findings = store.findings.forCase(id);
  const out: string[] = [];
  const counts = [...SEVERITIES]
    .reverse()
    .map((s) => [s, findings.filter((f) => f.finding.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  out.push(`\nFINDINGS (${findings.length}${counts.length ? `: ${counts.join(', ')}` : ''})\n`);
  out.push(
    textTable(
      ['severity', 'source', 'rule or type', 'principal', 'first seen', 'last seen', 'count', 'title'],
      [13, 9, 44, 40, 24, 24, 6],
      findings.map((s: StoredFinding) => [
        s.finding.severity,
        s.source,
        s.finding.rule.id,
        s.finding.principal,
        s.finding.first_seen,
        s.finding.last_seen,
        s.finding.count,
        s.finding.title,
      ]),
    ),
  );
  const iocs = caseIocs(store, id);
  out.push(`\nINDICATORS (${iocs.length})\n`);
  out.push(
    textTable(
      ['kind', 'first seen', 'last seen', 'count', 'value'],
      [10, 24, 24, 6],
      iocs.map((i) => [i.kind, i.first, i.last, i.count, i.value]),
    ),
  );
  return out.join('');
}

/** `case export` and `case import`. */
export function registerCaseTransfer(cases: Command): void {
  cases
    .command('export')
    .description(
      'write a case as one JSON document: case, findings, actions, evidence and custody, notes, IOCs',
    )
    .argument('<id>', 'the case id')
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nExample:\n  garrison case export case-20261119-abcd --output case.json')
    .action(async function (this: Command, id: string, options: { output?: string }) {
      const store = openCaseStore(this);
      let text: string;
      try {
        text = `${safeJson(exportCase(store, id), 1)}\n`;
      } finally {
        store.close();
      }
      const sink: OutputSink = options.output ? await fileSink(options.output) : streamSink(process.stdout);
      await sink.write(text);
      await sink.close();
      if (options.output) process.stderr.write(`case ${id} exported to ${forTerminal(options.output)}\n`);
    });

  cases
    .command('import')
    .description('read a case written by case export into this case store (all of it or nothing)')
    .argument('<file>', 'the export (- for stdin)')
    .addHelpText('after', '\nExample:\n  garrison --db other.db case import case.json')
    .action(async function (this: Command, file: string) {
      let text: string;
      try {
        text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
      } catch (cause) {
        throw new GarrisonError('input', `cannot read ${file}: ${(cause as Error).message}`, { cause });
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (cause) {
        throw new GarrisonError('input', `${file} is not JSON: ${(cause as Error).message}`, { cause });
      }
      const store = openCaseStore(this);
      try {
        const result = importCase(store, document);
        process.stdout.write(`${result.caseId}\n`);
        process.stderr.write(
          `imported case ${result.caseId}${result.renumbered ? ` (${result.renumbered} rows renumbered: their ids were taken)` : ''}\n`,
        );
      } finally {
        store.close();
      }
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
