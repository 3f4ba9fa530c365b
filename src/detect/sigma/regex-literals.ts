const META = /[.^$*+?{}()[\]|\\]/;
const MIN_LENGTH = 3;

/**
 * Texts of which every match of the regular expression contains one, or undefined when that is
 * not obvious: a plain run of characters (as requiredLiteral finds), or a group of plain
 * alternatives such as `(kali|parrot|pentoo)` that is neither optional nor repeated from zero.
 * Branches of a top-level `|` each need one. Escapes, nested groups and inline flags (`(?i)`)
 * are not read: the answer is then undefined. A substring search on these texts rules most
 * texts out before the regular expression runs.
 */
export function requiredLiterals(pattern: string): string[] | undefined {
  const single = requiredLiteral(pattern);
  if (single) return [single];
  if (pattern.includes('\\')) return undefined;
  const branches = splitTopLevel(pattern);
  if (!branches) return undefined;
  const all: string[] = [];
  for (const branch of branches) {
    const texts = branchLiterals(branch);
    if (!texts) return undefined;
    all.push(...texts);
  }
  return [...new Set(all)];
}

/** The pattern split on `|` outside groups and classes; undefined when groups nest or do not close. */
function splitTopLevel(pattern: string): string[] | undefined {
  const branches: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      i = classEnd(pattern, i);
      if (i < 0) return undefined;
    } else if (c === '(') {
      if (++depth > 1) return undefined;
    } else if (c === ')') {
      if (--depth < 0) return undefined;
    } else if (c === '|' && depth === 0) {
      branches.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  branches.push(pattern.slice(start));
  return branches;
}

/**
 * Index of the `]` closing the class opened at `open` (a `]` first in the class is literal), or -1.
 * A class holding a `[` (a POSIX class such as `[[:alpha:]]`) gives -1: no literal is derived.
 */
function classEnd(pattern: string, open: number): number {
  let at = open + 1;
  if (pattern[at] === '^') at++;
  if (pattern[at] === ']') at++;
  const end = pattern.indexOf(']', at);
  return end >= 0 && pattern.slice(at, end).includes('[') ? -1 : end;
}

/** Index of the `)` closing the group opened at `open`, classes skipped (groups do not nest here), or -1. */
function groupEnd(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '[') {
      i = classEnd(pattern, i);
      if (i < 0) return -1;
    } else if (pattern[i] === ')') return i;
  }
  return -1;
}

/** The best requirement of one branch (no top-level `|`): the one whose shortest text is longest. */
function branchLiterals(branch: string): string[] | undefined {
  const candidates: string[][] = [];
  let run = '';
  const endRun = () => {
    if (run) candidates.push([run]);
    run = '';
  };
  for (let i = 0; i < branch.length; i++) {
    const c = branch[i] as string;
    if (c === '[') {
      endRun();
      i = classEnd(branch, i);
      if (i < 0) return undefined;
    } else if (c === '(') {
      endRun();
      const close = groupEnd(branch, i);
      if (close < 0) return undefined;
      let inner = branch.slice(i + 1, close);
      i = close;
      if (inner.startsWith('?')) {
        if (!inner.startsWith('?:')) return undefined;
        inner = inner.slice(2);
      }
      const after = branch[close + 1];
      const optional = after === '?' || after === '*' || after === '{';
      const alternatives = inner.split('|');
      if (!optional && alternatives.every((a) => a.length > 0 && !META.test(a)))
        candidates.push(alternatives);
    } else if ('.^$*+?{}'.includes(c)) {
      // A quantifier that allows zero repetitions makes the character before it optional.
      if ((c === '*' || c === '?' || c === '{') && run.length > 0) run = run.slice(0, -1);
      endRun();
      if (c === '{') {
        const close = branch.indexOf('}', i);
        if (close < 0) return undefined;
        i = close;
      }
    } else run += c;
  }
  endRun();
  let best: string[] | undefined;
  let bestLength = MIN_LENGTH - 1;
  for (const texts of candidates) {
    const shortest = Math.min(...texts.map((t) => t.length));
    if (shortest > bestLength) {
      best = texts;
      bestLength = shortest;
    }
  }
  return best;
}

/**
 * A run of plain characters every match of the regular expression contains, or undefined when
 * that is not obvious: only patterns without alternation, groups, classes or escapes are read.
 * A plain substring search then rules most texts out before the automaton runs.
 */
export function requiredLiteral(pattern: string): string | undefined {
  if (/[|()[\]\\]/.test(pattern)) return undefined;
  let best = '';
  let run = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if ('.^$*+?{}'.includes(c)) {
      // A quantifier that allows zero repetitions makes the character before it optional.
      if ((c === '*' || c === '?' || c === '{') && run.length > 0) run = run.slice(0, -1);
      if (run.length > best.length) best = run;
      run = '';
      if (c === '{') {
        const close = pattern.indexOf('}', i);
        if (close < 0) return undefined;
        i = close;
      }
    } else run += c;
  }
  if (run.length > best.length) best = run;
  return best.length >= 3 ? best : undefined;
}
