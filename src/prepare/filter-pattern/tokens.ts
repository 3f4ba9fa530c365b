import { FilterPatternError } from './errors.js';

/** The lexical units of a JSON filter pattern (`{ $.a = "x" && ($.b > 1 || $.c NOT EXISTS) }`). */
export type TokenKind =
  | 'lbrace'
  | 'rbrace'
  | 'lparen'
  | 'rparen'
  | 'and'
  | 'or'
  | 'op'
  | 'selector'
  | 'string'
  | 'word'
  | 'regex'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The token as written (for `string`: the unescaped text; for `regex`: the text between the `%`). */
  text: string;
  /** 0-based offset in the pattern. */
  position: number;
}

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
/** Characters that end an unquoted value or selector. */
const DELIMITERS = new Set(['(', ')', '{', '}', '&', '|', '=', '!', '<', '>', '"']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Splits a JSON filter pattern into tokens; a bad character or an unterminated string is an error at its position. */
export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at: number): never => {
    throw new FilterPatternError(message, pattern, at);
  };
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    const single: Partial<Record<string, TokenKind>> = {
      '{': 'lbrace',
      '}': 'rbrace',
      '(': 'lparen',
      ')': 'rparen',
    };
    const kind = single[c];
    if (kind) {
      tokens.push({ kind, text: c, position: start });
      i++;
      continue;
    }
    if (c === '&' || c === '|') {
      if (pattern[i + 1] !== c) fail(`expected "${c}${c}"`, start);
      tokens.push({ kind: c === '&' ? 'and' : 'or', text: c + c, position: start });
      i += 2;
      continue;
    }
    const op = OPERATORS.find((o) => pattern.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, position: start });
      i += op.length;
      continue;
    }
    if (c === '!') fail('expected "!="', start);
    if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= pattern.length) fail('unterminated quoted string', start);
        const d = pattern[i] as string;
        if (d === '\\' && i + 1 < pattern.length) {
          text += pattern[i + 1];
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text, position: start });
      continue;
    }
    if (c === '%') {
      const close = pattern.indexOf('%', i + 1);
      if (close < 0) fail('unterminated regular expression (missing closing %)', start);
      tokens.push({ kind: 'regex', text: pattern.slice(i + 1, close), position: start });
      i = close + 1;
      continue;
    }
    while (i < pattern.length && !isSpace(pattern[i] as string) && !DELIMITERS.has(pattern[i] as string)) i++;
    const text = pattern.slice(start, i);
    tokens.push({ kind: text.startsWith('$') ? 'selector' : 'word', text, position: start });
  }
  tokens.push({ kind: 'end', text: '', position: pattern.length });
  return tokens;
}
