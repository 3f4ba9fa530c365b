/**
 * Background activity: what an organisation's account does all day when nobody is attacking it.
 * Reads dominate (Describe*, List*, Get*), services assume roles, workloads fetch secrets and
 * objects, people use the console and the CLI, CI runs Terraform, a few calls are denied.
 */
import { Emitter, HOUR } from './emitter.js';
import type { TrailEvent } from './event.js';
import type { Organisation } from './organisation.js';
import { backupJob, cliHuman, consoleHuman, consoleLogin, terraform } from './people-actors.js';
import { type Prng, WeightedChoice } from './prng.js';
import {
  configRecorder,
  instanceCredentials,
  lambdaCredentials,
  ssmAgent,
  trailEncryption,
} from './service-actors.js';
import { SessionBook } from './sessions.js';
import { lambdaWork, workloadApi, workloadObjects } from './workload-actors.js';

type Actor = (kit: Emitter, region: string, timeMs: number) => TrailEvent;

/** Who acts how often (relative weights), tuned so records average about 1.4 KB. */
const MIX: ReadonlyArray<readonly [Actor, number]> = [
  [instanceCredentials, 5],
  [lambdaCredentials, 3],
  [configRecorder, 12],
  [trailEncryption, 20],
  [ssmAgent, 5],
  [workloadObjects, 5],
  [workloadApi, 12],
  [lambdaWork, 4],
  [consoleHuman, 12],
  [cliHuman, 10],
  [terraform, 8],
  [consoleLogin, 0.4],
  [backupJob, 3],
];

export class BackgroundActivity {
  private readonly kit: Emitter;
  private readonly actors = new WeightedChoice<Actor>(MIX);

  /**
   * `prng` drives what happens; `seed` fixes the organisation's sessions (who held which key
   * when), so separate streams (one per region) with the same seed agree on them.
   */
  constructor(prng: Prng, org: Organisation, seed: string | number = 'sessions') {
    this.kit = new Emitter(prng, org, new SessionBook(String(seed)));
  }

  get org(): Organisation {
    return this.kit.org;
  }

  /** One background record in `region` at `timeMs`. */
  record(region: string, timeMs: number): TrailEvent {
    return this.actors.draw(this.kit.prng)(this.kit, region, timeMs);
  }

  /**
   * Takes over credentials another record delivered (the story's AssumeRole by EC2 for the victim
   * instance), so the instance's own later calls carry the same access key as that record says.
   */
  adopt(record: TrailEvent): void {
    if (record.eventName !== 'AssumeRole') return;
    const request = record.requestParameters as { roleSessionName?: unknown } | null;
    const response = record.responseElements as { credentials?: { accessKeyId?: unknown } } | null;
    const key = response?.credentials?.accessKeyId;
    if (typeof request?.roleSessionName !== 'string' || typeof key !== 'string') return;
    this.kit.sessions.adopt(
      request.roleSessionName,
      { key, creationMs: Date.parse(String(record.eventTime)) },
      6 * HOUR,
    );
  }
}
