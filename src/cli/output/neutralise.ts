/**
 * Text that came from CloudTrail (userAgent, userName, tags, request parameters) is written by
 * whoever made the call, so an attacker chooses it. These helpers make it inert before it reaches
 * an analyst's terminal or spreadsheet: nothing is dropped, hostile characters are shown escaped.
 */

/**
 * Characters a terminal may act on instead of printing: C0 controls (ESC starts ANSI/OSC
 * sequences, BEL ends OSC 8 hyperlinks, CR overwrites a line), DEL, C1 controls (U+009B is a
 * one-byte CSI), line/paragraph separators, and the bidi marks and overrides that make text
 * read in a different order than it is stored ("Trojan Source").
 */
const TERMINAL_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same set minus what JSON.stringify already escapes (C0): what is left raw in JSON text. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * For one line of terminal output: every control, escape and bidi character is replaced by its
 * visible escape (`\x1b`, `\u202e`), so `\x1b]8;;http://evil\x07` or `\x1b[2J` prints as text.
 */
export function forTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, escapeChar);
}

/**
 * JSON text that is safe to print to a terminal and still parses to the same value:
 * JSON.stringify escapes C0 controls but leaves C1 controls and bidi overrides raw.
 */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent) ?? 'null';
  return text.replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Cells a spreadsheet would read as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, CR,
 * and their full-width forms that some spreadsheets fold to ASCII.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * One CSV field, RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled), and
 * prefixed with `'` when a spreadsheet would otherwise evaluate it as a formula. Control, escape
 * and bidi characters are shown escaped as for the terminal, since CSV is often read with `cat`
 * (the exact values stay available in JSON output).
 */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === undefined || value === null) text = '';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  text = forTerminal(text);
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** One CSV line, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
