import type { CloudTrailRecord } from '../../trail/record.js';
import { BytePeek } from '../../trail/scan/peek.js';
import type { RecordPeek } from '../../trail/scan/types.js';
import type { EngineRule } from './detection.js';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const MAX_NAMES = 10_000;

/**
 * Rules indexed by the eventName they need (or, for rules bound to no eventName, the eventSource),
 * so a record is only tested against the rules that can match it and adding rules costs little.
 * Rules with neither bound are tested on every record.
 */
export class RuleIndex {
  private readonly byEventName = new Map<string, EngineRule[]>();
  private readonly bySource = new Map<string, EngineRule[]>();
  private readonly everywhere: EngineRule[] = [];
  private readonly byName = new Map<string, readonly EngineRule[]>();
  /**
   * Texts of which a record needs one to be worth parsing; undefined when some rule has no
   * eventName bound or names an eventName not spelled as AWS spells them (the byte search is case-sensitive).
   */
  readonly needles: readonly string[] | undefined;

  constructor(readonly rules: readonly EngineRule[]) {
    let exact = rules.length > 0;
    const needles = new Set<string>();
    for (const rule of rules) {
      if (!rule.eventNames || rule.eventNames.size === 0) {
        exact = false;
        if (rule.eventSources?.size)
          for (const source of rule.eventSources) listed(this.bySource, source, rule);
        else this.everywhere.push(rule);
        continue;
      }
      for (const name of rule.eventNames) {
        listed(this.byEventName, name, rule);
        if (PASCAL_CASE.test(name)) needles.add(`"${name}"`);
        else exact = false;
      }
    }
    this.needles = exact ? [...needles] : undefined;
  }

  /** The rules a record with this eventName and eventSource could match. */
  candidates(eventName: string, eventSource?: string): readonly EngineRule[] {
    let list = this.byName.get(eventName);
    if (!list) {
      const indexed = this.byEventName.get(eventName.toLowerCase());
      list = !indexed ? this.everywhere : this.everywhere.length ? [...indexed, ...this.everywhere] : indexed;
      // Names come from the records: an input of endless made-up names cannot grow this without bound.
      if (this.byName.size >= MAX_NAMES) this.byName.clear();
      this.byName.set(eventName, list);
    }
    const bySource = eventSource === undefined ? undefined : this.bySource.get(eventSource.toLowerCase());
    return bySource ? [...list, ...bySource] : list;
  }

  /** False when no rule can match the raw record: it is then never parsed. */
  mightMatch(raw: RecordPeek): boolean {
    return this.survivors(raw, true).length > 0;
  }

  /**
   * The rules whose raw test lets the record through, in the order match() tries them: only they
   * can fire on it once it is parsed (see matchAmong). With `any`, stops at the first.
   */
  survivors(raw: RecordPeek, any = false): EngineRule[] {
    const peek = raw instanceof BytePeek ? raw : memoized(raw);
    const out: EngineRule[] = [];
    /** Keeps the rules of `list` the raw record passes; true once one is kept and `any` is set. */
    const keep = (list: readonly EngineRule[] | undefined): boolean => {
      for (const rule of list ?? []) {
        if (out.includes(rule) || (rule.rawTest && !rule.rawTest(peek))) continue;
        out.push(rule);
        if (any) return true;
      }
      return false;
    };
    for (const name of peek.field('eventName'))
      if (keep(this.byEventName.get(name.toLowerCase()))) return out;
    if (keep(this.everywhere)) return out;
    if (this.bySource.size > 0)
      for (const source of peek.field('eventSource'))
        if (keep(this.bySource.get(source.toLowerCase()))) return out;
    return out;
  }

  /** The ids of the rules that fire on a parsed record. */
  match(record: CloudTrailRecord): string[] {
    return this.matchAmong(record, this.candidates(record.eventName, record.eventSource));
  }

  /** The ids of the rules among `rules` (its candidates, or its survivors) that fire on a parsed record. */
  matchAmong(record: CloudTrailRecord, rules: readonly EngineRule[]): string[] {
    const fired: string[] = [];
    for (const rule of rules) if (rule.matches(record)) fired.push(rule.info.id);
    return fired;
  }
}

function listed(map: Map<string, EngineRule[]>, value: string, rule: EngineRule): void {
  const key = value.toLowerCase();
  const list = map.get(key) ?? [];
  if (!list.includes(rule)) list.push(rule);
  map.set(key, list);
}

/** A peek that reads each key once per record: many rules ask for the same few keys. */
function memoized(peek: RecordPeek): RecordPeek {
  const seen = new Map<string, string[]>();
  const once = (key: string, read: () => string[]) => {
    let values = seen.get(key);
    if (!values) {
      values = read();
      seen.set(key, values);
    }
    return values;
  };
  return {
    strings: (key) => once(`\u0000${key}`, () => peek.strings(key)),
    field: (path) => once(path, () => peek.field(path)),
    contains: (text) => peek.contains(text),
  };
}
