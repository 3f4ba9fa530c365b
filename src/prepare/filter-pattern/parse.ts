import type { Comparison, Condition, Literal, PathStep } from './ast.js';
import { FilterPatternError } from './errors.js';
import { type Token, tokenize } from './tokens.js';

const KEY = /^[A-Za-z0-9_\-@:$]+/;

/** Parses `$.a.b[0].c` into steps; the selector must start at the root `$`. */
export function parseSelector(selector: string, pattern: string, position: number): PathStep[] {
  const fail = (message: string, offset: number): never => {
    throw new FilterPatternError(message, pattern, position + offset);
  };
  if (!selector.startsWith('$')) fail('a property selector starts with "$."', 0);
  const steps: PathStep[] = [];
  let i = 1;
  while (i < selector.length) {
    if (selector[i] === '.') {
      const key = KEY.exec(selector.slice(i + 1))?.[0];
      if (!key) fail('expected a property name after "."', i + 1);
      steps.push({ key: key as string });
      i += 1 + (key as string).length;
    } else if (selector[i] === '[') {
      const close = selector.indexOf(']', i);
      const index = close < 0 ? '' : selector.slice(i + 1, close);
      if (!/^\d{1,9}$/.test(index)) fail('expected an array index like [0]', i);
      steps.push({ index: Number(index) });
      i = close + 1;
    } else {
      fail(`unexpected "${selector[i]}" in property selector`, i);
    }
  }
  if (steps.length === 0) fail('expected a property after "$" (e.g. $.eventName)', 1);
  return steps;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Recursive descent over the tokens: `||` binds looser than `&&`; parentheses group. */
class Parser {
  private at = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly pattern: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.at] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.at++;
    return token;
  }

  private fail(message: string, token: Token = this.peek()): never {
    throw new FilterPatternError(message, this.pattern, token.position);
  }

  private expect(kind: Token['kind'], what: string): Token {
    const token = this.peek();
    if (token.kind !== kind)
      this.fail(`expected ${what}${token.kind === 'end' ? '' : ` before "${token.text}"`}`);
    return this.next();
  }

  pattern_(): Condition {
    this.expect('lbrace', '"{"');
    const condition = this.or();
    this.expect('rbrace', '"}" (or && / ||)');
    if (this.peek().kind !== 'end') this.fail('unexpected text after the closing "}"');
    return condition;
  }

  private or(): Condition {
    let left = this.and();
    while (this.peek().kind === 'or') {
      this.next();
      left = { type: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.primary();
    while (this.peek().kind === 'and') {
      this.next();
      left = { type: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Condition {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.next();
      const inner = this.or();
      this.expect('rparen', '")"');
      return inner;
    }
    if (token.kind !== 'selector') this.fail('expected a property selector like $.eventName or "("');
    this.next();
    const selector = token.text;
    const path = parseSelector(selector, this.pattern, token.position);
    const after = this.next();
    if (after.kind === 'op') {
      return { type: 'compare', selector, path, op: after.text as Comparison, literal: this.literal(after) };
    }
    const word = after.kind === 'word' ? after.text.toUpperCase() : '';
    if (word === 'IS') {
      const what = this.next();
      const value = { NULL: null, TRUE: true, FALSE: false }[
        what.kind === 'word' ? what.text.toUpperCase() : ''
      ];
      if (value === undefined) this.fail('expected NULL, TRUE or FALSE after IS', what);
      return { type: 'is', selector, path, value };
    }
    if (word === 'NOT') {
      const what = this.next();
      if (what.kind !== 'word' || what.text.toUpperCase() !== 'EXISTS')
        this.fail('expected EXISTS after NOT', what);
      return { type: 'notExists', selector, path };
    }
    return this.fail('expected an operator (= != < > <= >=), IS or NOT EXISTS', after);
  }

  private literal(op: Token): Literal {
    const token = this.next();
    const ordering = op.text !== '=' && op.text !== '!=';
    if (token.kind === 'word' && NUMBER.test(token.text)) {
      return { kind: 'number', value: Number(token.text), text: token.text };
    }
    if (ordering) this.fail(`"${op.text}" compares numbers: expected a number`, token);
    if (token.kind === 'string' || token.kind === 'word') return { kind: 'string', text: token.text };
    if (token.kind === 'regex') {
      if (token.text === '') this.fail('empty regular expression', token);
      return { kind: 'regex', source: token.text, position: token.position };
    }
    return this.fail(`expected a value after "${op.text}"`, token);
  }
}

/** Parses a JSON filter pattern (`{ ... }`) to its condition tree. Throws FilterPatternError with the position. */
export function parseJsonPattern(pattern: string): Condition {
  return new Parser(tokenize(pattern), pattern).pattern_();
}
