import { resourcesOf } from '../detect/engine/resources.js';
import { actionKind } from '../investigate/actions.js';
import { principalOf } from '../trail/record.js';
import type { BlastRadius, BlastResource, ReportInput } from './model.js';

const MAX_RESOURCES = 200;

function add(
  table: Map<string, BlastResource>,
  resource: string,
  who: string,
  call: string,
  at: string,
  read: boolean,
) {
  const row = table.get(resource) ?? {
    resource,
    principals: [],
    reads: 0,
    writes: 0,
    calls: [],
    first: at,
    last: at,
  };
  if (!row.principals.includes(who)) row.principals.push(who);
  if (!row.calls.includes(call)) row.calls.push(call);
  if (read) row.reads++;
  else row.writes++;
  if (at < row.first) row.first = at;
  if (at > row.last) row.last = at;
  table.set(resource, row);
}

/**
 * The resources the malicious principals touched, read vs write: from the case's CloudTrail events
 * (successful calls only; a denied call touched nothing), else from its findings' resources.
 */
export function blastRadius(input: ReportInput): BlastRadius {
  const table = new Map<string, BlastResource>();
  const principals = new Set(input.findings.map((f) => f.finding.principal).filter(Boolean));
  if (input.events.length > 0) {
    for (const e of input.events) {
      const who = principalOf(e);
      principals.add(who);
      if (e.errorCode) continue;
      const read = actionKind(e) === 'read';
      const call = `${e.eventSource.replace(/\.amazonaws\.com$/, '')}:${e.eventName}`;
      const at = new Date(Date.parse(e.eventTime)).toISOString();
      for (const r of resourcesOf(e)) add(table, r, who, call, at, read);
    }
  } else {
    for (const { finding: f } of input.findings) {
      const writes = f.event_names.some((n) => actionKind({ eventName: n }) !== 'read');
      for (const r of f.resources)
        add(table, r, f.principal, f.event_names.join(', '), f.first_seen, !writes);
    }
  }
  const resources = [...table.values()]
    .sort((a, b) => b.writes - a.writes || b.reads - a.reads || a.resource.localeCompare(b.resource))
    .slice(0, MAX_RESOURCES);
  const basis = input.events.length > 0 ? 'events' : input.findings.length > 0 ? 'findings' : 'none';
  return { principals: [...principals].sort(), basis, resources };
}
