import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { GarrisonError } from '../../errors.js';
import { buildReport } from '../../report/build.js';
import { reportInput } from '../../report/case-input.js';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../../report/render.js';
import { openCaseStore } from '../case-store.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal } from '../output/neutralise.js';

interface ReportOptions {
  format: ReportFormat;
  output?: string;
}

/** `garrison report <case>`: the post-incident report, from the case store. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'write the post-incident report of a case: summary, timeline chart, findings, actions, evidence, metrics, lessons',
    )
    .argument('<case>', 'case id (garrison case list)')
    .addOption(new Option('--format <format>', 'report format').choices([...REPORT_FORMATS]).default('md'))
    .option('--output <file>', 'write the report to this file (mode 600) instead of stdout')
    .addHelpText(
      'after',
      `
The report reads the case store (--db / GARRISON_DB) and the files of two kinds of evidence:
  cloudtrail-events   the malicious CloudTrail events ({"Records": [...]}, a JSON array or JSON lines, .gz or not)
  readiness-audit     a readiness audit (garrison prepare audit --format json) taken at the time
Example:
  garrison report case-20261127-ab3d --format html --output report.html`,
    )
    .action(function (this: Command, caseId: string, options: ReportOptions) {
      const store = openCaseStore(this);
      let text: string;
      let problems: string[];
      try {
        const input = reportInput(store, caseId);
        problems = input.eventSources
          .filter((s) => s.problem || s.hashMatches === false)
          .map(
            (s) =>
              `evidence #${s.evidenceId}: ${s.hashMatches === false ? 'SHA-256 does not match; ' : ''}${s.problem ?? ''}`,
          );
        text = renderReport(buildReport(input), options.format);
      } finally {
        store.close();
      }
      for (const p of problems) process.stderr.write(`warning: ${forTerminal(p)}\n`);
      if (problems.length) raiseExitCode(ExitCode.partial);
      if (!options.output) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(options.output, text, { mode: 0o600 });
      } catch (error) {
        throw new GarrisonError(
          'usage',
          `cannot write --output ${options.output}: ${(error as Error).message}`,
          {
            cause: error,
            hint: 'give a path in a writable folder',
          },
        );
      }
      process.stderr.write(
        `report of ${caseId} written to ${forTerminal(options.output)} (${options.format})\n`,
      );
    });
}
