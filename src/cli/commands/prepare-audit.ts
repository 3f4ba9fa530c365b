import type { AwsClients } from '../../aws/clients.js';
import { auditReadiness } from '../../prepare/audit.js';
import { accountTable, problems, regionTable, statusCounts } from '../../prepare/audit-table.js';
import { ExitCode } from '../exit.js';
import { safeJson } from '../output/neutralise.js';
import { chosenFormat, lines, type PrepareIo, processIo } from './prepare-io.js';

export interface AuditOptions {
  format?: string;
  failUnder?: number;
  regions?: string[];
  evidenceBucket?: string;
  responderRole?: string;
}

/** `prepare audit`: the exit status it ends with (3 below --fail-under, 2 some check could not be read). */
export async function runAudit(
  clients: AwsClients,
  options: AuditOptions,
  io: PrepareIo = processIo,
): Promise<ExitCode> {
  const { evidenceBucket, responderRole, regions } = options;
  const report = await auditReadiness(clients, { regions, evidenceBucket, responderRole });
  const counts = statusCounts(report);
  if (chosenFormat(options.format, io) === 'json') {
    io.out(`${safeJson({ score: report.score, checks: report.checks })}\n`);
  } else {
    lines(io.out, accountTable(report));
    const regional = regionTable(report);
    if (regional.length > 0) lines(io.out, ['', ...regional]);
    lines(io.err, ['', ...problems(report)]);
  }
  const { accountId, regions: audited } = report.snapshot;
  lines(io.err, [
    `readiness score ${report.score}/100 for account ${accountId} over ${audited.length} region(s): ` +
      `${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, ${counts.not_applicable} not applicable`,
  ]);
  if (options.failUnder !== undefined && report.score < options.failUnder) return ExitCode.findings;
  return counts.error > 0 ? ExitCode.partial : ExitCode.ok;
}
