/**
 * What every background actor shares: the organisation, the random stream, the sessions, and
 * how a call becomes a record (S3's bracketed user agent and request ids, TLS details, denials).
 */
import { type Call, type CallMaker, ec2Reads, s3Reads } from './calls.js';
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
import { everydayWrites } from './everyday-writes.js';
import type { Identity } from './identities.js';
import type { Organisation, Person, Workload } from './organisation.js';
import type { Prng } from './prng.js';
import { iamReads, otherReads } from './service-reads.js';
import type { SessionBook } from './sessions.js';
import { s3Agent } from './user-agents.js';

export const HOUR = 3_600_000;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const humanReads = [...ec2Reads, ...s3Reads, ...iamReads, ...otherReads];
export const configReads = [...ec2Reads, ...s3Reads, ...iamReads, ...otherReads.slice(0, 4)];

export class Emitter {
  private readonly workloadsByRegion = new Map<string, Workload[]>();
  readonly admins: Person[];

  constructor(
    readonly prng: Prng,
    readonly org: Organisation,
    readonly sessions: SessionBook,
  ) {
    this.admins = org.people.filter((p) => p.iamUser);
  }

  /** The token-looking blob STS returns; long, like the real one, so record sizes are realistic. */
  sessionToken(): string {
    return `IQoJb3JpZ2luX2VjE${this.prng.chars(260, BASE64)}EXAMPLE==`;
  }

  emit(
    identity: Identity,
    call: Call,
    region: string,
    timeMs: number,
    ip: string,
    agent: string,
    extra: Partial<EventSpec> = {},
  ): TrailEvent {
    const p = this.prng;
    const where = call.global ? 'us-east-1' : region;
    const s3 = call.source === 's3.amazonaws.com';
    const spec: EventSpec = {
      identity,
      timeMs,
      source: call.source,
      name: call.name,
      region: where,
      ip,
      userAgent: s3 ? s3Agent(agent) : agent,
      request: call.request,
      response: call.response ?? null,
      requestId: s3 ? s3RequestId(p) : p.uuid(),
      eventId: p.uuid(),
      readOnly: call.readOnly,
      management: call.management ?? true,
      account: this.org.account,
      tls: tlsFor(p, s3 ? String(call.request?.Host ?? 's3.amazonaws.com') : apiHost(call.source, where)),
      ...extra,
    };
    if (call.resources) spec.resources = call.resources;
    // EC2 answers a change with the request id first (`{"requestId":"...","_return":true}`).
    if (call.source === 'ec2.amazonaws.com' && spec.response && !extra.error) {
      spec.response = { requestId: spec.requestId, ...spec.response };
    }
    if (s3) {
      spec.additional = {
        SignatureVersion: 'SigV4',
        CipherSuite: spec.tls?.cipher ?? 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: call.name === 'PutObject' ? p.between(2_000, 9_000_000) : 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': amzId2(p),
        bytesTransferredOut: call.name === 'GetObject' ? p.between(2_000, 9_000_000) : 0,
      };
    } else if (call.additional) {
      spec.additional = call.additional;
    }
    return trailEvent(spec);
  }

  /** With probability `p` the call is denied: the error as the service words it, no response. */
  maybeDenied(identity: Identity, call: Call, p: number): Partial<EventSpec> {
    if (!this.prng.chance(p)) return {};
    const resource =
      call.source === 'iam.amazonaws.com' ? `arn:aws:iam::${this.org.account}:role/*` : undefined;
    const denial = accessDenied(call.source, call.name, String(identity.arn), resource);
    call.response = null;
    return { error: { code: denial.code, message: denial.message } };
  }

  /** A call from `makers` that logs in `region` (IAM only where us-east-1 is). */
  regionalCall(makers: CallMaker[], region: string): Call {
    for (let i = 0; i < 4; i++) {
      const call = this.prng.pick(makers)(this.prng, this.org, region);
      if (!call.global || region === 'us-east-1') return call;
    }
    return this.prng.pick(ec2Reads)(this.prng, this.org, region);
  }

  /** A person's or a pipeline's call: mostly reads, sometimes an everyday change. */
  humanCall(region: string, writeShare: number): Call {
    if (this.prng.chance(writeShare)) return this.prng.pick(everydayWrites)(this.prng, this.org, region);
    return this.regionalCall(humanReads, region);
  }

  workloadIn(region: string): Workload {
    let here = this.workloadsByRegion.get(region);
    if (!here) {
      here = this.org.workloads.filter((w) => w.region === region);
      if (here.length === 0) here = this.org.workloads;
      this.workloadsByRegion.set(region, here);
    }
    return this.prng.pick(here);
  }
}
