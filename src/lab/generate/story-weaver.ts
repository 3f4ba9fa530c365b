/**
 * Weaves the attack story into the background: each story record goes into the log file of
 * its region and time, and the victim instance stays one of the organisation's workloads
 * (its own calls go on, with the credentials the story says EC2 delivered).
 */
import { GarrisonError } from '../../errors.js';
import { type AttackStory, type AttackStoryParams, attackStory } from './attack-story.js';
import type { BackgroundActivity } from './background.js';
import type { TrailEvent } from './event.js';
import { uniqueId } from './identities.js';
import { awsAddress, type Organisation } from './organisation.js';
import type { Prng } from './prng.js';

export type StoryOptions = Omit<AttackStoryParams, 'accountId'> & { accountId?: string };

export class StoryWeaver {
  readonly story: AttackStory;
  private readonly pending = new Map<string, Array<{ ms: number; record: TrailEvent }>>();

  constructor(
    options: StoryOptions,
    org: Organisation,
    prng: Prng,
    period: { start: number; end?: number; seed: string },
  ) {
    const known = org.workloads.find((w) => w.roleName === options.instanceRoleName);
    const instanceRoleId = options.instanceRoleId ?? known?.roleId ?? uniqueId(prng, 'AROA');
    const instanceIp = options.instanceIp ?? awsAddress(prng, options.region);
    this.story = attackStory({
      trailName: org.trailName,
      seed: `${period.seed}:attack`,
      ...options,
      instanceRoleId,
      instanceIp,
      accountId: options.accountId ?? org.account,
    });
    org.workloads.push({
      instanceId: options.instanceId,
      region: options.region,
      roleName: options.instanceRoleName,
      roleId: instanceRoleId,
      ip: instanceIp,
      language: 'python',
      bucket: options.dataBucket,
    });
    for (const record of this.story.records) {
      const region = String(record.awsRegion);
      if (!org.regions.includes(region)) {
        throw new GarrisonError(
          'usage',
          `the attack story logs in ${region}, which is not among the generated regions (${org.regions.join(', ')})`,
        );
      }
      const ms = Date.parse(String(record.eventTime));
      if (ms < period.start || (period.end !== undefined && ms >= period.end)) {
        throw new GarrisonError(
          'usage',
          `the attack story (${String(record.eventTime)}) falls outside the generated period`,
        );
      }
      const list = this.pending.get(region) ?? [];
      list.push({ ms, record });
      this.pending.set(region, list);
    }
  }

  /** True while some story record of `region` is not yet written. */
  unfinished(region: string): boolean {
    return (this.pending.get(region)?.length ?? 0) > 0;
  }

  /** Moves the story records of `region` up to `ms` (included, or excluded) into `out` as JSON. */
  take(region: string, ms: number, inclusive: boolean, out: string[], background: BackgroundActivity): void {
    const list = this.pending.get(region);
    while (list?.length) {
      const next = list[0] as { ms: number; record: TrailEvent };
      if (inclusive ? next.ms > ms : next.ms >= ms) return;
      list.shift();
      background.adopt(next.record);
      out.push(JSON.stringify(next.record));
    }
  }
}
