import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DEMO_PHASES, type DemoEvent, type DemoPhase, runDemo } from '../../lab/demo/run-demo.js';
import type { DemoSummary } from '../../lab/demo/summary.js';
import { globalOptions } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { forTerminal } from '../output/neutralise.js';

interface DemoFlags {
  output?: string;
  keepEmulator?: boolean;
  format?: 'text' | 'json';
}

const HELP = `
Runs the whole incident-response cycle on a local AWS emulator (moto), nothing leaves this machine:
starts moto, prepares the account (prepare apply: trail, alarms, GuardDuty, isolation groups,
forensic bucket, responder role; journaled in a preparation case), builds a victim workload (VPC, two subnets, an Auto
Scaling group of two web instances with an instance role, a target group, a data bucket), replays a
CloudTrail attack story naming those resources into the trail's S3 bucket (instance credentials used
from outside AWS, the data bucket copied, a backdoor administrator created), hunts it back from S3,
opens a case with the findings, contains the instance, its role and the backdoor user (applied,
journaled, verified) and writes the report (report.md, report.html, report.json).

--output DIR receives the report, the case store (garrison.db), the CloudTrail files, the evidence
and demo-summary.json. moto is stopped at the end, on failure and on Ctrl-C.

Examples:
  garrison demo
  garrison demo --output ./incident-demo --format json
  garrison demo --keep-emulator              # explore the contained account, Ctrl-C to stop moto
  garrison demo --endpoint-url http://127.0.0.1:5000   # a fresh moto you started (it is changed)`;

const SPINNER = ['|', '/', '-', '\\'];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A line per phase on stderr, with a spinner on a terminal while a phase runs. */
export function phaseDisplay(stream: NodeJS.WriteStream = process.stderr) {
  let timer: NodeJS.Timeout | undefined;
  const clear = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (stream.isTTY) stream.write('\r\x1b[2K');
  };
  const number = (phase: DemoPhase) => `[${DEMO_PHASES.indexOf(phase) + 1}/${DEMO_PHASES.length}]`;
  return {
    event(e: DemoEvent) {
      if (e.type === 'phase-started' && stream.isTTY) {
        let tick = 0;
        const draw = () => stream.write(`\r\x1b[2K${SPINNER[tick++ % 4]} ${number(e.phase)} ${e.title}`);
        draw();
        timer = setInterval(draw, 120);
        timer.unref();
      } else if (e.type === 'phase-finished') {
        clear();
        stream.write(
          `demo ${number(e.phase)} ${e.phase.padEnd(8)} ${seconds(e.ms).padStart(7)}  ${forTerminal(e.detail)}\n`,
        );
      } else if (e.type === 'note' && process.env.GARRISON_DEMO_VERBOSE) {
        clear();
        stream.write(`  ${forTerminal(e.message)}\n`);
      }
    },
    stop: clear,
  };
}

function humanSummary(s: DemoSummary): string {
  const targets = s.containment.runs.map((r) => `${r.playbook} ${r.target}: ${r.status}`).join('; ');
  const metrics = s.report.metrics.map((m) => `${m.id} ${m.display}`).join(', ');
  return [
    `case ${s.case.caseId}: ${s.hunt.findings} findings; contained ${targets}`,
    `metrics: ${metrics}`,
    `report: ${s.report.html}`,
    `        ${s.report.md}`,
    `case store: ${s.case.store}  (garrison --db ${s.case.store} case show ${s.case.caseId})`,
    `done in ${seconds(s.totalMs)}`,
  ]
    .map(forTerminal)
    .join('\n');
}

async function demo(flags: DemoFlags, command: Command): Promise<void> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const outputDir = resolve(flags.output ?? `garrison-demo-${stamp}`);
  const globals = globalOptions(command);
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = signal;
    process.stderr.write(`\ngarrison: ${signal}: stopping the demo and the emulator\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const display = phaseDisplay();
  process.stderr.write(`garrison demo: writing to ${forTerminal(outputDir)}\n`);
  try {
    const failAfter = process.env.GARRISON_DEMO_FAIL_AFTER as DemoPhase | undefined;
    const result = await runDemo({
      outputDir,
      ...(globals.endpointUrl ? { endpointUrl: globals.endpointUrl } : {}),
      ...(globals.region ? { region: globals.region } : {}),
      keepEmulator: flags.keepEmulator === true,
      signal: controller.signal,
      onEvent: (e) => display.event(e),
      ...(failAfter && DEMO_PHASES.includes(failAfter) ? { failAfter } : {}),
    });
    display.stop();
    const format = flags.format ?? (process.stdout.isTTY ? 'text' : 'json');
    if (format === 'json') process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
    else process.stdout.write(`${humanSummary(result.summary)}\n`);
    if (format === 'json') process.stderr.write(`report: ${forTerminal(result.summary.report.html)}\n`);
    if (!result.summary.containment.verified) raiseExitCode(ExitCode.partial);
    if (result.emulator) {
      process.stderr.write(
        `emulator kept at ${result.emulator.endpoint} (AWS_ENDPOINT_URL=${result.emulator.endpoint}); Ctrl-C stops it\n`,
      );
      if (!controller.signal.aborted)
        await new Promise((done) => controller.signal.addEventListener('abort', done, { once: true }));
      await result.emulator.stop();
    }
  } catch (error) {
    display.stop();
    if (signalled) {
      process.stderr.write(`garrison: demo interrupted by ${signalled}; the emulator is stopped\n`);
      process.exitCode = 130;
      return;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the whole incident-response cycle on a local AWS emulator and write the report')
    .option('--output <dir>', 'where the report and the demo artifacts go (default ./garrison-demo-<time>)')
    .option('--keep-emulator', 'leave moto running after the demo, until Ctrl-C')
    .addOption(
      new Option(
        '--format <format>',
        'the summary on stdout (default: text on a terminal, else json)',
      ).choices(['text', 'json']),
    )
    .addHelpText('after', HELP)
    .action(demo);
}
