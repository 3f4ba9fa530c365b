import type { Column, WriterSpec } from '../cli/output/writers.js';
import type { Finding } from './finding.js';

/** How a finding shows in a table; cells are neutralised by the writers (attacker-chosen text). */
export const FINDING_COLUMNS: readonly Column<Finding>[] = [
  { header: 'severity', width: 8, value: (f) => f.severity },
  { header: 'rule', width: 44, value: (f) => f.rule.id },
  { header: 'principal', width: 48, value: (f) => f.principal },
  { header: 'resource', width: 40, value: (f) => f.resources[0] ?? '' },
  { header: 'count', width: 6, value: (f) => f.count },
  { header: 'first_seen', width: 20, value: (f) => f.first_seen.replace(/\.000Z$/, 'Z') },
  { header: 'last_seen', width: 20, value: (f) => f.last_seen.replace(/\.000Z$/, 'Z') },
  { header: 'source_ips', value: (f) => f.source_ips.join(' ') },
];

/** The CSV has every field, lists joined with spaces. */
export const FINDING_CSV_COLUMNS: readonly Column<Finding>[] = [
  { header: 'id', value: (f) => f.id },
  { header: 'severity', value: (f) => f.severity },
  { header: 'rule_id', value: (f) => f.rule.id },
  { header: 'rule_title', value: (f) => f.rule.title },
  { header: 'mitre', value: (f) => f.rule.mitre.join(' ') },
  { header: 'stratus', value: (f) => f.rule.stratus.join(' ') },
  { header: 'guardduty', value: (f) => f.rule.guardduty.join(' ') },
  { header: 'principal', value: (f) => f.principal },
  { header: 'accounts', value: (f) => f.accounts.join(' ') },
  { header: 'regions', value: (f) => f.regions.join(' ') },
  { header: 'resources', value: (f) => f.resources.join(' ') },
  { header: 'source_ips', value: (f) => f.source_ips.join(' ') },
  { header: 'user_agents', value: (f) => f.user_agents.join(' | ') },
  { header: 'event_names', value: (f) => f.event_names.join(' ') },
  { header: 'first_seen', value: (f) => f.first_seen },
  { header: 'last_seen', value: (f) => f.last_seen },
  { header: 'count', value: (f) => f.count },
  { header: 'event_ids', value: (f) => f.event_ids.join(' ') },
  { header: 'event_ids_truncated', value: (f) => f.event_ids_truncated },
  { header: 'playbook', value: (f) => f.playbook },
];

export const FINDING_WRITER: WriterSpec<Finding> = {
  tableColumns: FINDING_COLUMNS,
  csvColumns: FINDING_CSV_COLUMNS,
  toJson: (f) => f,
  jsonKey: 'findings',
};
