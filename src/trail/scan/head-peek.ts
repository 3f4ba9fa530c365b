import { IDENTITY, RecordHead, TOP } from './head.js';
import { NeedleFinder } from './needle.js';
import { BytePeek, stringEnd, textBytes } from './peek.js';
import { decodeString } from './peek-pairs.js';

const IDENTITY_PREFIX = 'userIdentity.';
/** How many top-level keys the scanner probes for in each file (see probes). */
const MAX_PROBES = 4;

/** How a path is looked up in a head, worked out once per path. */
interface PathPlan {
  /** The plan's slot in the per-record answers. */
  id: number;
  scope: number;
  /** The key within its scope (as text and as bytes); undefined: the head cannot hold the path. */
  key: string | undefined;
  bytes: Uint8Array | undefined;
  /** Finds `"key":"` (a top-level key), made when first needed. */
  finder?: NeedleFinder | undefined;
}

/**
 * A BytePeek that answers the fields of a record's head (see RecordHead) exactly, from a few
 * hundred bytes, when the scanner tells it where the record's top-level eventTime key is. The
 * other fields, and every record it is not aimed at, get the whole-record peek.
 *
 * A top-level key the head does not hold (errorCode, in most records) may still be further on.
 * The scanner can say it is nowhere in the record: it searches each file once for the keys this
 * peek asks it to probe (the ones rules asked for and the head did not have), and aims the peek
 * with a mask of which of them each record holds.
 */
export class HeadPeek extends BytePeek {
  private readonly head = new RecordHead();
  /** The record's eventTime key, or -1 when the peek is not aimed (whole-record answers only). */
  private timeKey = -1;
  private read = false;
  private probeMask = 0;
  private probed: readonly string[] = [];
  private readonly plans = new Map<string, PathPlan>();
  /** This record's answers by plan id, valid where `stamps` holds the record's number. */
  private answers: (string[] | undefined)[] = [];
  private stamps: number[] = [];
  private record = 0;
  /** Top-level keys asked for and not found in a head, by how often. */
  private readonly missed = new Map<string, number>();

  /** Points the peek at a record; `timeKey` is where its only `"eventTime":"` is, or -1. */
  aim(buf: Buffer, start: number, end: number, timeKey: number, probeMask = 0): this {
    this.reset(buf, start, end);
    this.timeKey = timeKey;
    this.probeMask = probeMask;
    return this;
  }

  override reset(buf: Buffer, start: number, end: number): this {
    this.timeKey = -1;
    this.read = false;
    this.record++;
    return super.reset(buf, start, end);
  }

  /** The keys to probe in the next file (set with `probing`), most asked for first. */
  probes(): string[] {
    return [...this.missed]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_PROBES)
      .map(([key]) => key);
  }

  /** The keys the masks given to `aim` refer to, bit i for probes[i]. */
  probing(keys: readonly string[]): void {
    this.probed = keys;
  }

  override field(path: string): string[] {
    if (this.timeKey < 0) return super.field(path);
    const plan = this.plans.get(path) ?? this.plan(path);
    if (this.stamps[plan.id] === this.record) return this.answers[plan.id] as string[];
    const values = this.fromHead(plan) ?? super.field(path);
    this.answers[plan.id] = values;
    this.stamps[plan.id] = this.record;
    return values;
  }

  private plan(path: string): PathPlan {
    const identity = path.startsWith(IDENTITY_PREFIX);
    const key = identity ? path.slice(IDENTITY_PREFIX.length) : path;
    const local = !key.includes('.');
    const plan: PathPlan = {
      id: this.plans.size,
      scope: identity ? IDENTITY : TOP,
      key: local ? key : undefined,
      bytes: local ? textBytes(key) : undefined,
    };
    this.plans.set(path, plan);
    this.stamps.push(-1);
    this.answers.push(undefined);
    return plan;
  }

  private fromHead(plan: PathPlan): string[] | undefined {
    if (!plan.bytes) return undefined;
    if (!this.read) {
      this.head.read(this.buf, this.start, this.end, this.timeKey);
      this.read = true;
    }
    const value = this.head.value(plan.scope, plan.bytes);
    if (typeof value === 'string') return [value];
    if (value === null) return [];
    if (plan.scope === IDENTITY) return undefined;
    const key = plan.key as string;
    const probe = this.probed.indexOf(key);
    if (probe >= 0 && (this.probeMask & (1 << probe)) === 0) return [];
    const only = this.onlyValue(plan);
    if (only) return only;
    this.missed.set(key, (this.missed.get(key) ?? 0) + 1);
    return undefined;
  }

  /**
   * The value of a top-level key past the head (eventID, or errorCode written late) when
   * `"key":"` occurs exactly once in the record: then it is the key's only string value, at the
   * top level or not. Undefined when it occurs never or several times (the whole-record peek decides).
   */
  private onlyValue(plan: PathPlan): string[] | undefined {
    plan.finder ??= new NeedleFinder(Buffer.from(`${JSON.stringify(plan.key)}:"`));
    const view = this.buf.subarray(this.start, this.end);
    const at = plan.finder.find(view);
    if (at < 0 || plan.finder.find(view, at + 1) >= 0) return undefined;
    const open = at + plan.finder.needle.length - 1;
    const close = stringEnd(view, open + 1, view.length);
    return close < 0 ? undefined : [decodeString(view, open, close)];
  }
}
