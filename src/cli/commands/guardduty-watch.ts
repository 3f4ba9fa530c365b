import type { Command } from 'commander';
import { toGarrisonFinding } from '../../guardduty/convert.js';
import { saveGuardDutyFindings } from '../../guardduty/store.js';
import { watchQueue } from '../../guardduty/watch.js';
import { openCaseStore } from '../case-store.js';
import { awsClients } from '../context.js';
import { ExitCode, raiseExitCode } from '../exit.js';
import { safeJson } from '../output/neutralise.js';
import { intIn, type WatchFlags } from './guardduty-options.js';
import { say } from './guardduty-output.js';

/** `guardduty watch`: stores the findings an EventBridge rule delivers to SQS, until Ctrl-C or --once. */
export function registerGuardDutyWatch(gd: Command): void {
  gd.command('watch')
    .description('consume findings an EventBridge rule delivers to SQS, until Ctrl-C (or --once)')
    .requiredOption('--queue <url>', 'the SQS queue URL')
    .option('--max-messages <n>', 'messages per receive, 1-10', intIn(1, 10), 10)
    .option('--wait-seconds <s>', 'long-poll wait, 0-20', intIn(0, 20), 20)
    .option('--once', 'one receive, then stop')
    .option(
      '--keep-malformed',
      'leave malformed messages on the queue for its redrive policy (default: report and delete)',
    )
    .option('--case <id>', 'store the findings in this case (default: unassigned)')
    .addHelpText(
      'after',
      `
A message is deleted only after its findings are stored. A malformed message (not JSON, not a GuardDuty
finding event, an invalid finding) is reported and deleted, since it can never become valid; with
--keep-malformed it stays for the queue's dead-letter redrive. Each stored finding is printed as one JSON
line on stdout. Exit status 2 when any message was rejected.

Example:
  garrison guardduty watch --queue https://sqs.us-east-1.amazonaws.com/111122223333/guardduty --case case-20261127-ab3k`,
    )
    .action(async (flags: WatchFlags, command: Command) => {
      const clients = awsClients(command);
      const store = openCaseStore(command);
      const stop = new AbortController();
      const onSigint = () => stop.abort();
      process.once('SIGINT', onSigint);
      try {
        if (flags.case) store.cases.get(flags.case);
        const totals = await watchQueue(clients, {
          queueUrl: flags.queue,
          maxMessages: flags.maxMessages,
          waitSeconds: flags.waitSeconds,
          once: flags.once === true,
          keepMalformed: flags.keepMalformed === true,
          signal: stop.signal,
          store: (batch) => {
            const findings = batch.map(toGarrisonFinding);
            saveGuardDutyFindings(store, findings, flags.case);
            for (const f of findings) {
              process.stdout.write(`${safeJson(f)}\n`);
              say(`stored ${f.severity} ${f.id} ${f.rule.guardduty[0]} -> ${f.playbook}`);
            }
          },
          onRejected: (r) => say(`rejected ${r.where}${r.id ? ` (${r.id})` : ''}: ${r.reason}`),
          onError: (e) => say(`could not store a batch (left on the queue): ${e.message}`),
        });
        say(
          `guardduty watch: ${totals.messages} messages, ${totals.stored} findings stored${flags.case ? ` in case ${flags.case}` : ''}, ` +
            `${totals.rejected} rejected, ${totals.deleted} deleted${totals.deleteFailures ? `, ${totals.deleteFailures} NOT deleted` : ''}`,
        );
        if (totals.rejected || totals.deleteFailures) raiseExitCode(ExitCode.partial);
      } finally {
        process.off('SIGINT', onSigint);
        store.close();
      }
    });
}
