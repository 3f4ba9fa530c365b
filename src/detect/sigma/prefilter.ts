import type { RecordPeek } from '../../trail/scan/types.js';
import type { ConditionNode } from './condition.js';
import type { Selection } from './selection.js';
import { allHold, anyHolds } from './tests-of.js';

type Peek = (peek: RecordPeek) => boolean;

/**
 * What a rule's condition requires of a record before it is parsed: the eventName values it
 * needs (when every way to satisfy it names some), and a cheap test on the raw record that never
 * says no to a record the rule matches. `not` teaches nothing, so it yields no bound.
 */
export function requiredEventNames(
  node: ConditionNode,
  selections: ReadonlyMap<string, Selection>,
): ReadonlySet<string> | undefined {
  return requiredValues(node, selections, 'eventNames');
}

/** The same for eventSource: a rule bound to no eventName may still be bound to services (lambda). */
export function requiredEventSources(
  node: ConditionNode,
  selections: ReadonlyMap<string, Selection>,
): ReadonlySet<string> | undefined {
  return requiredValues(node, selections, 'eventSources');
}

function requiredValues(
  node: ConditionNode,
  selections: ReadonlyMap<string, Selection>,
  bound: 'eventNames' | 'eventSources',
): ReadonlySet<string> | undefined {
  const of = (n: ConditionNode) => requiredValues(n, selections, bound);
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name)?.[bound];
    case 'not':
      return undefined;
    case 'and':
      return intersect(node.operands.map(of));
    case 'or':
      return union(node.operands.map(of));
    case 'quantified': {
      const parts = node.names.map((name) => selections.get(name)?.[bound]);
      return node.quantifier === 'all' ? intersect(parts) : union(parts);
    }
  }
}

export function intersect(sets: (ReadonlySet<string> | undefined)[]): ReadonlySet<string> | undefined {
  const known = sets.filter((s): s is ReadonlySet<string> => s !== undefined);
  if (known.length === 0) return undefined;
  const [first, ...rest] = known as [ReadonlySet<string>, ...ReadonlySet<string>[]];
  // Compared case-insensitively, as Sigma matches them.
  return new Set(
    [...first].filter((v) => rest.every((s) => [...s].some((w) => w.toLowerCase() === v.toLowerCase()))),
  );
}

export function union(sets: (ReadonlySet<string> | undefined)[]): ReadonlySet<string> | undefined {
  if (sets.some((s) => s === undefined)) return undefined;
  return new Set(sets.flatMap((s) => [...(s as ReadonlySet<string>)]));
}

export function rawRecordTest(
  node: ConditionNode,
  selections: ReadonlyMap<string, Selection>,
): Peek | undefined {
  const of = (n: ConditionNode) => rawRecordTest(n, selections);
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name)?.peek;
    case 'not':
      return undefined;
    case 'and':
      return every(node.operands.map(of));
    case 'or':
      return some(node.operands.map(of));
    case 'quantified': {
      const parts = node.names.map((name) => selections.get(name)?.peek);
      return node.quantifier === 'all' ? every(parts) : some(parts);
    }
  }
}

function every(tests: (Peek | undefined)[]): Peek | undefined {
  const known = tests.filter((t): t is Peek => t !== undefined);
  if (known.length === 0) return undefined;
  return (peek) => allHold(known, peek);
}

function some(tests: (Peek | undefined)[]): Peek | undefined {
  if (tests.length === 0 || tests.some((t) => t === undefined)) return undefined;
  const known = tests as Peek[];
  return (peek) => anyHolds(known, peek);
}
