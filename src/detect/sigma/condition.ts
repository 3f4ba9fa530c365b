import { SigmaRuleError } from './rule-error.js';

/** A parsed Sigma condition. */
export type ConditionNode =
  | { kind: 'ref'; name: string }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and' | 'or'; operands: ConditionNode[] }
  | { kind: 'quantified'; quantifier: 'one' | 'all'; names: string[] };

const TOKEN = /\s*(\(|\)|[^\s()]+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text.slice(start).trim() === '') break;
      throw new SigmaRuleError(`cannot read condition "${text}"`);
    }
    tokens.push(m[1] as string);
  }
  return tokens;
}

function globToTest(pattern: string): (name: string) => boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return (name) => name === pattern;
  return (name) => {
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === 0) {
        if (!name.startsWith(part)) return false;
        at = part.length;
      } else if (i === parts.length - 1) {
        return name.length - at >= part.length && name.endsWith(part);
      } else {
        const found = name.indexOf(part, at);
        if (found < 0) return false;
        at = found + part.length;
      }
    }
    return true;
  };
}

/**
 * Parses a Sigma condition (`and`, `or`, `not`, parentheses, `1 of x*`, `all of x*`, `any of`,
 * `them`) against the rule's search identifiers. `not` binds tightest, then `and`, then `or`.
 * Aggregations (`| count() ...`) and `near` are refused.
 */
export function parseCondition(text: string, identifiers: readonly string[]): ConditionNode {
  if (text.includes('|')) throw new SigmaRuleError(`aggregation in condition "${text}" is not supported`);
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new SigmaRuleError('empty condition');
  let pos = 0;
  const peek = () => tokens[pos];
  const lower = () => tokens[pos]?.toLowerCase();

  function expression(): ConditionNode {
    const operands = [conjunction()];
    while (lower() === 'or') {
      pos++;
      operands.push(conjunction());
    }
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'or', operands };
  }
  function conjunction(): ConditionNode {
    const operands = [negation()];
    while (lower() === 'and') {
      pos++;
      operands.push(negation());
    }
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'and', operands };
  }
  function negation(): ConditionNode {
    if (lower() === 'not') {
      pos++;
      return { kind: 'not', operand: negation() };
    }
    return atom();
  }
  function atom(): ConditionNode {
    const token = peek();
    if (token === undefined) throw new SigmaRuleError(`condition "${text}" ends too early`);
    pos++;
    if (token === '(') {
      const inner = expression();
      if (peek() !== ')') throw new SigmaRuleError(`missing ")" in condition "${text}"`);
      pos++;
      return inner;
    }
    const word = token.toLowerCase();
    if (word === ')' || word === 'and' || word === 'or')
      throw new SigmaRuleError(`unexpected "${token}" in condition "${text}"`);
    if (word === 'near') throw new SigmaRuleError(`"near" in condition "${text}" is not supported`);
    if (lower() === 'of') {
      pos++;
      if (!/^(1|all|any)$/.test(word))
        throw new SigmaRuleError(
          `"${token} of" in condition "${text}" is not supported (use 1 of or all of)`,
        );
      const target = peek();
      if (target === undefined || target === '(' || target === ')')
        throw new SigmaRuleError(`"${token} of" needs a name pattern or "them" in condition "${text}"`);
      pos++;
      const names =
        target === 'them'
          ? identifiers.filter((n) => !n.startsWith('_'))
          : identifiers.filter(globToTest(target));
      if (names.length === 0)
        throw new SigmaRuleError(`"${target}" names no search identifier in condition "${text}"`);
      return { kind: 'quantified', quantifier: word === 'all' ? 'all' : 'one', names };
    }
    if (!identifiers.includes(token))
      throw new SigmaRuleError(`condition "${text}" uses unknown search identifier "${token}"`);
    return { kind: 'ref', name: token };
  }

  const tree = expression();
  if (pos < tokens.length) throw new SigmaRuleError(`unexpected "${tokens[pos]}" in condition "${text}"`);
  return tree;
}
