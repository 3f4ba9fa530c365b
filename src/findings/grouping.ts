import { createHash } from 'node:crypto';
import type { RuleInfo } from '../detect/engine/detection.js';
import type { Hit } from '../detect/engine/hit.js';
import { compareFindings, type Finding, ruleRef } from './finding.js';
import { eventIds } from './group.js';
import {
  DEFAULT_WINDOW_MS,
  type Group,
  HitGroups,
  listValues,
  mergeGroup,
  type PartialGroups,
} from './hit-groups.js';

export {
  DEFAULT_WINDOW_MS,
  groupingResource,
  HitGroups,
  LIST_CAPS,
  MAX_EVENT_IDS,
  type PartialGroups,
} from './hit-groups.js';

/**
 * Groups hits into findings per rule × principal × resource: hits fall into fixed windows, then
 * windows of the same key whose events are less than a window apart are merged, so a burst that
 * crosses a window boundary stays one finding. Memory is bounded per finding (capped sets and ids).
 * Scan workers group their hits the same way (HitGroups) and the partial groups are absorbed here.
 */
export class FindingGrouper {
  readonly #groups: HitGroups;
  readonly #known: (ruleId: string) => boolean;

  constructor(
    private readonly rules: ReadonlyMap<string, RuleInfo>,
    readonly windowMs: number = DEFAULT_WINDOW_MS,
  ) {
    this.#groups = new HitGroups(windowMs);
    this.#known = (ruleId) => rules.has(ruleId);
  }

  /** One hit; hits of rules not in the grouper's rule set are ignored. */
  add(hit: Hit): void {
    this.#groups.add(hit, this.#known);
  }

  /** Partial groups built by HitGroups.drain() (in a scan worker) with the same window. */
  absorb(partial: PartialGroups): void {
    this.#groups.absorb(partial, this.#known);
  }

  /**
   * The findings so far, merged across adjacent windows, most severe first. With `last`, the
   * groups are let go as their findings are made (the end of a hunt): the grouper is then empty.
   */
  findings(last = false): Finding[] {
    const out: Finding[] = [];
    for (const list of this.#groups.byKey(last)) {
      list.sort((a, b) => a.first - b.first);
      let current: Group | undefined;
      let copied = false;
      for (const g of list) {
        if (current && g.first - current.last <= this.windowMs) {
          // Merged into a copy: the groups stay as they are, so findings() can be asked again
          // (the last ask could merge in place, but copies are few: one per merged finding).
          if (!copied)
            current = {
              ...current,
              values: [...current.values],
              times: [...current.times],
              idParts: [...current.idParts],
              otherIds: current.otherIds && [...current.otherIds],
            };
          copied = true;
          mergeGroup(current, g);
        } else {
          if (current) out.push(this.#finding(current));
          current = g;
          copied = false;
        }
      }
      if (current) out.push(this.#finding(current));
    }
    return out.sort(compareFindings);
  }

  #finding(g: Group): Finding {
    const rule = this.rules.get(g.ruleId) as RuleInfo;
    const firstSeen = new Date(g.first).toISOString();
    const id = createHash('sha256')
      .update([g.ruleId, g.principal, g.resource, firstSeen].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    const events = eventIds(g)
      .map((id, i) => ({ t: g.times[i] as number, id }))
      .sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
    return {
      id,
      rule: ruleRef(rule),
      severity: rule.severity,
      title: rule.title,
      description: rule.description,
      principal: g.principal,
      accounts: listValues(g, 0).sort(),
      regions: listValues(g, 1).sort(),
      resources: listValues(g, 2),
      source_ips: listValues(g, 3),
      user_agents: listValues(g, 4),
      event_names: listValues(g, 5),
      first_seen: firstSeen,
      last_seen: new Date(g.last).toISOString(),
      count: g.count,
      event_ids: events.map((e) => e.id),
      event_ids_truncated: g.idsSeen > events.length,
      playbook: rule.playbook,
    };
  }
}
