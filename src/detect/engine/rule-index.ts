import type { CloudTrailRecord } from '../../trail/record.js';
import { BytePeek } from '../../trail/scan/peek.js';
import type { RecordPeek } from '../../trail/scan/types.js';
import type { EngineRule } from './detection.js';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const MAX_NAMES = 10_000;

/**
 * Rules indexed by the eventName they need, so a record is only tested against the rules that can
 * match it and adding rules costs little. Rules without an eventName bound are tested on every record.
 */
export class RuleIndex {
  private readonly byEventName = new Map<string, EngineRule[]>();
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
        this.everywhere.push(rule);
        exact = false;
        continue;
      }
      for (const name of rule.eventNames) {
        const key = name.toLowerCase();
        const list = this.byEventName.get(key) ?? [];
        if (!list.includes(rule)) list.push(rule);
        this.byEventName.set(key, list);
        if (PASCAL_CASE.test(name)) needles.add(`"${name}"`);
        else exact = false;
      }
    }
    this.needles = exact ? [...needles] : undefined;
  }

  /** The rules a record with this eventName could match (a list kept per eventName as written). */
  candidates(eventName: string): readonly EngineRule[] {
    let list = this.byName.get(eventName);
    if (!list) {
      const indexed = this.byEventName.get(eventName.toLowerCase());
      list = !indexed ? this.everywhere : this.everywhere.length ? [...indexed, ...this.everywhere] : indexed;
      // Names come from the records: an input of endless made-up names cannot grow this without bound.
      if (this.byName.size >= MAX_NAMES) this.byName.clear();
      this.byName.set(eventName, list);
    }
    return list;
  }

  /** False when no rule can match the raw record: it is then never parsed. */
  mightMatch(raw: RecordPeek): boolean {
    const peek = raw instanceof BytePeek ? raw : memoized(raw);
    for (const rule of this.everywhere) if (!rule.rawTest || rule.rawTest(peek)) return true;
    for (const name of peek.field('eventName')) {
      const indexed = this.byEventName.get(name.toLowerCase());
      if (indexed) for (const rule of indexed) if (!rule.rawTest || rule.rawTest(peek)) return true;
    }
    return false;
  }

  /** The ids of the rules that fire on a parsed record. */
  match(record: CloudTrailRecord): string[] {
    const fired: string[] = [];
    for (const rule of this.candidates(record.eventName)) if (rule.matches(record)) fired.push(rule.info.id);
    return fired;
  }
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
