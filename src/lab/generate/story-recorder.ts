/**
 * Records the steps of a story as CloudTrail records: who, what, when (relative to the first
 * malicious event), from where, and whether it was malicious (the ground truth).
 */
import { accessDenied } from './denials.js';
import {
  amzId2,
  apiHost,
  type EventSpec,
  s3RequestId,
  type TrailEvent,
  tlsFor,
  trailEvent,
} from './event.js';
import { type Identity, trailTime } from './identities.js';
import type { Prng } from './prng.js';
import { kaliCliAgent, s3Agent } from './user-agents.js';

export type AttackPhase =
  | 'benign'
  | 'discovery'
  | 'collection'
  | 'persistence'
  | 'defense-evasion'
  | 'initial-access';

export interface StoryStep {
  eventId: string;
  eventTime: string;
  eventName: string;
  phase: AttackPhase;
  malicious: boolean;
}

export interface StepSpec {
  /** Milliseconds after the first malicious event (negative before it). */
  at: number;
  who: Identity;
  source: string;
  name: string;
  phase: AttackPhase;
  readOnly: boolean;
  request?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  resources?: Array<Record<string, unknown>>;
  /** Denied: the resource named in the error message, or '-' for none. */
  denied?: string;
  /** Defaults to the attacker's address and the Kali AWS CLI. */
  ip?: string;
  agent?: string;
  /** An S3 data event, with the bytes it sent back. */
  data?: { bytesOut: number };
  /** Logged in us-east-1 (IAM, sign-in). */
  global?: boolean;
  extra?: Partial<EventSpec>;
}

export class StoryRecorder {
  readonly records: TrailEvent[] = [];
  readonly steps: StoryStep[] = [];

  constructor(
    readonly prng: Prng,
    readonly scene: {
      account: string;
      region: string;
      attackerIp: string;
      t0: number;
      attackerAgent?: string;
    },
  ) {}

  add(s: StepSpec): void {
    const { prng, scene } = this;
    const where = s.global ? 'us-east-1' : scene.region;
    const s3 = s.source === 's3.amazonaws.com';
    const command = `${s.source.split('.')[0]}.${s.name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
    const agent = s.agent ?? scene.attackerAgent ?? kaliCliAgent(command);
    const host = s3 ? String(s.request?.Host ?? 's3.amazonaws.com') : apiHost(s.source, where);
    const spec: EventSpec = {
      identity: s.who,
      timeMs: scene.t0 + s.at,
      source: s.source,
      name: s.name,
      region: where,
      ip: s.ip ?? scene.attackerIp,
      userAgent: s3 ? s3Agent(agent) : agent,
      request: s.request ?? null,
      response: s.denied ? null : (s.response ?? null),
      requestId: s3 ? s3RequestId(prng) : prng.uuid(),
      eventId: prng.uuid(),
      readOnly: s.readOnly,
      management: !s.data,
      account: scene.account,
      tls: tlsFor(prng, host),
      ...s.extra,
    };
    if (s.denied) {
      const denial = accessDenied(
        s.source,
        s.name,
        String(s.who.arn),
        s.denied === '-' ? undefined : s.denied,
      );
      spec.error = { code: denial.code, message: denial.message };
    }
    if (s.resources) spec.resources = s.resources;
    if (s3) {
      spec.additional = {
        SignatureVersion: 'SigV4',
        CipherSuite: spec.tls?.cipher ?? 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': amzId2(prng),
        bytesTransferredOut: s.data?.bytesOut ?? 0,
      };
    }
    this.records.push(trailEvent(spec));
    this.steps.push({
      eventId: spec.eventId,
      eventTime: trailTime(spec.timeMs),
      eventName: s.name,
      phase: s.phase,
      malicious: s.phase !== 'benign',
    });
  }

  /** An IAM call (logged in us-east-1; List and Get calls are reads). */
  iam(
    at: number,
    who: Identity,
    name: string,
    phase: AttackPhase,
    request: Record<string, unknown> | null,
    extra: Partial<StepSpec> = {},
  ): void {
    this.add({
      at,
      who,
      source: 'iam.amazonaws.com',
      name,
      phase,
      request,
      readOnly: /^(List|Get)/.test(name),
      global: true,
      ...extra,
    });
  }

  /** The records and their steps, in time order. */
  inTimeOrder(): { records: TrailEvent[]; steps: StoryStep[] } {
    const order = this.records
      .map((_, i) => i)
      .sort(
        (a, b) => (this.steps[a]?.eventTime ?? '').localeCompare(this.steps[b]?.eventTime ?? '') || a - b,
      );
    return {
      records: order.map((i) => this.records[i] as TrailEvent),
      steps: order.map((i) => this.steps[i] as StoryStep),
    };
  }
}
