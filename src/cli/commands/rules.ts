import { type Command, Option } from 'commander';
import type { RuleInfo } from '../../detect/engine/detection.js';
import { hunt } from '../../detect/engine/hunt.js';
import { allRules, loadDetections, selectRules } from '../../detect/engine/rule-set.js';
import { testRuleExamples, validateSigmaFolders } from '../../detect/engine/rule-tests.js';
import { GarrisonError } from '../../errors.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal, safeJson } from '../output/neutralise.js';
import { streamSink } from '../output/sink.js';
import { createWriter, OUTPUT_FORMATS, type OutputFormat } from '../output/writers.js';
import { type RuleOptions, ruleOptions, selectionOf } from './rule-options.js';

const LIST_WRITER = {
  tableColumns: [
    { header: 'id', width: 52, value: (r: RuleInfo) => r.id },
    { header: 'severity', width: 8, value: (r: RuleInfo) => r.severity },
    { header: 'logic', width: 9, value: (r: RuleInfo) => r.logic },
    { header: 'mitre', width: 22, value: (r: RuleInfo) => r.mitre.join(' ') },
    { header: 'title', value: (r: RuleInfo) => r.title },
  ],
  csvColumns: [
    { header: 'id', value: (r: RuleInfo) => r.id },
    { header: 'title', value: (r: RuleInfo) => r.title },
    { header: 'severity', value: (r: RuleInfo) => r.severity },
    { header: 'origin', value: (r: RuleInfo) => r.origin },
    { header: 'logic', value: (r: RuleInfo) => r.logic },
    { header: 'mitre', value: (r: RuleInfo) => r.mitre.join(' ') },
    { header: 'stratus', value: (r: RuleInfo) => r.stratus.join(' ') },
    { header: 'guardduty', value: (r: RuleInfo) => r.guardduty.join(' ') },
    { header: 'cis', value: (r: RuleInfo) => r.cis.join(' ') },
    { header: 'playbook', value: (r: RuleInfo) => r.playbook },
    { header: 'file', value: (r: RuleInfo) => r.file },
  ],
  toJson: (r: RuleInfo) => r,
  jsonKey: 'rules',
};

const HELP = `
Rules are the built-in pack (Sigma and TypeScript detections, plus stateful ones) and the Sigma
rules (.yml, logsource product: aws, service: cloudtrail) of every --rules folder.

Examples:
  garrison rules list --format json
  garrison rules list --only stratus --format csv
  garrison rules show garrison-aws-cloudtrail-stopped
  garrison rules validate --rules ./my-sigma-rules
  garrison rules test --rules ./my-sigma-rules
  garrison rules test --rules ./my-sigma-rules --events suspicious.json`;

export function registerRules(program: Command): void {
  const rules = program
    .command('rules')
    .summary('list, show, validate and test detection rules')
    .description('Works with the built-in detection pack and your Sigma rules.')
    .addHelpText('after', HELP);

  ruleOptions(rules.command('list').description('list every rule with its metadata'))
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(
        OUTPUT_FORMATS,
      ),
    )
    .action(async (options: RuleOptions & { format?: OutputFormat }) => {
      const { rules: single, stateful } = await loadDetections(selectionOf(options));
      const infos = [...single.map((r) => r.info), ...stateful.map((s) => s.info)].sort((a, b) =>
        a.id.localeCompare(b.id),
      );
      const sink = streamSink(process.stdout);
      const writer = createWriter(options.format ?? (sink.isTerminal ? 'table' : 'json'), sink, LIST_WRITER);
      try {
        for (const info of infos) await writer.write(info);
        await writer.end({ rules: infos.length });
      } catch (error) {
        if ((error as { code?: string }).code !== 'EPIPE') throw error;
      }
      process.stderr.write(`rules: ${infos.length} rules\n`);
    });

  ruleOptions(
    rules
      .command('show')
      .description("print one rule's metadata and logic")
      .argument('<id>', 'rule id, name or Sigma UUID'),
  )
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, options: RuleOptions & { format: string }) => {
      const all = await allRules(selectionOf({ ...options, only: [], exclude: [] }));
      const found = [...selectRules(all.rules, [id]), ...selectRules(all.stateful, [id])].filter(
        (r) => r.info.id === id || r.info.name === id || r.info.sigmaId === id,
      );
      const rule = found[0];
      if (!rule)
        throw new GarrisonError('not-found', `no rule ${JSON.stringify(id)}`, {
          hint: 'see garrison rules list',
        });
      const sigmaText = 'sigmaText' in rule ? rule.sigmaText : undefined;
      const examples = 'examples' in rule ? rule.examples : undefined;
      if (options.format === 'json') {
        process.stdout.write(`${safeJson({ ...rule.info, sigma: sigmaText, examples }, 2)}\n`);
        return;
      }
      const i = rule.info;
      const lines = [
        `${i.id}  (${i.severity}, ${i.logic}, ${i.origin})`,
        i.title,
        '',
        i.description,
        '',
        `MITRE ATT&CK: ${i.mitre.join(', ') || '-'}`,
        `Stratus Red Team: ${i.stratus.join(', ') || '-'}`,
        `GuardDuty: ${i.guardduty.join(', ') || '-'}`,
        `CIS: ${i.cis.join(', ') || '-'}`,
        `Playbook: ${i.playbook}`,
        `False positives: ${i.falsePositives.join('; ') || '-'}`,
        `Defined in: ${i.file}`,
      ];
      if (examples)
        lines.push(`Events: ${examples.positive.length} positive, ${examples.negative.length} negative`);
      if (sigmaText) lines.push('', sigmaText.trimEnd());
      process.stdout.write(`${lines.map(forTerminal).join('\n')}\n`);
    });

  ruleOptions(
    rules
      .command('validate')
      .description('load every rule; list each one that cannot be loaded, with file and construct'),
  ).action(async (options: RuleOptions) => {
    const report = await validateSigmaFolders(options.rules ?? []);
    for (const bad of report.invalid) process.stderr.write(`invalid: ${forTerminal(bad.error)}\n`);
    if (report.invalid.length) {
      process.stderr.write(`rules: ${report.valid.length} valid, ${report.invalid.length} invalid\n`);
      raiseExitCode(ExitCode.error);
      return;
    }
    const { rules: single, stateful } = await loadDetections(selectionOf(options));
    process.stderr.write(
      `rules: ${single.length + stateful.length} rules valid (${report.valid.length} from --rules)\n`,
    );
  });

  ruleOptions(
    rules
      .command('test')
      .description('run rules over their own events (or over --events sources) and report'),
  )
    .option(
      '--events <source>',
      'run the rules over these CloudTrail sources instead (repeatable)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .action(async (options: RuleOptions & { events?: string[] }) => {
      const selection = selectionOf(options);
      if (options.events?.length) {
        const result = await hunt(options.events, { selection });
        const counts = new Map<string, { events: number; findings: number }>();
        for (const f of result.findings) {
          const c = counts.get(f.rule.id) ?? { events: 0, findings: 0 };
          c.events += f.count;
          c.findings++;
          counts.set(f.rule.id, c);
        }
        for (const [id, c] of [...counts].sort())
          process.stdout.write(`${forTerminal(id)}: fired on ${c.events} events (${c.findings} findings)\n`);
        process.stderr.write(
          `rules test: ${result.summary.rules} rules over ${result.summary.records} records, ${counts.size} fired\n`,
        );
        if (result.trail.rejected) raiseExitCode(ExitCode.partial);
        return;
      }
      const { rules: single, stateful } = await loadDetections(selection);
      let failed = 0;
      let untested = 0;
      for (const rule of single) {
        const result = testRuleExamples(rule);
        if (!result) {
          untested++;
          process.stdout.write(
            `SKIP ${forTerminal(rule.info.id)}: no events of its own and none can be built from its detection\n`,
          );
          continue;
        }
        const how = `${result.positives} positive, ${result.negatives} negative${result.generated ? ', generated from its detection' : ''}`;
        if (result.failures.length) {
          failed++;
          process.stdout.write(`FAIL ${forTerminal(rule.info.id)} (${how})\n`);
          for (const failure of result.failures) process.stdout.write(`  ${forTerminal(failure)}\n`);
        } else process.stdout.write(`ok   ${forTerminal(rule.info.id)} (${how})\n`);
      }
      process.stderr.write(
        `rules test: ${single.length - failed - untested} passed, ${failed} failed, ${untested} without events; ${stateful.length} stateful detections are tested by their own scenario tests\n`,
      );
      if (failed) raiseExitCode(ExitCode.error);
    });
}
