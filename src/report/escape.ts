/**
 * Escaping for the report. Everything from CloudTrail or GuardDuty is chosen by whoever made the
 * call, so it is made inert for each output: HTML text and attributes (and SVG inside HTML),
 * Markdown (no links, images, emphasis or raw HTML can be smuggled in). Control and bidi
 * characters are shown as visible escapes in both.
 */

const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Controls, bidi marks and zero-width characters shown as `\x1b`, `\u202e`. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, visible);
}

/** Shortens a string for a table cell; the appendix keeps the whole value. */
export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Safe in HTML text, in quoted attribute values, and in SVG text. */
export function html(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return showInvisible(text).replace(/[&<>"'`]/g, (c) => HTML[c] as string);
}

const MD_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~<>&"':]/g;
const MD_ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/**
 * Safe as inline Markdown (CommonMark/GFM), table cells included: every punctuation character that
 * could open a link, image, emphasis, code span, heading, list, table cell, HTML tag or autolink is
 * backslash-escaped (or an entity), and line breaks become spaces.
 */
export function md(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return showInvisible(text.replace(/\r\n|\r|\n|\t/g, ' ')).replace(
    MD_PUNCTUATION,
    (c) => MD_ENTITY[c] ?? `\\${c}`,
  );
}

/** A fenced code block whose fence is longer than any backtick run inside (the content cannot close it). */
export function mdFence(content: string, info = ''): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${showInvisible(content)}\n${fence}`;
}
