/**
 * Sigma's value transformations: encodings (`base64`, `base64offset`, `utf16le`/`wide`,
 * `utf16be`, `utf16`) and `windash`. Values travel as byte strings (latin1) once encoded as UTF-16.
 */
export interface EncodedValue {
  text: string;
  /** True once the text holds bytes (latin1), not characters. */
  bytes: boolean;
}

function toBuffer(value: EncodedValue): Buffer {
  return Buffer.from(value.text, value.bytes ? 'latin1' : 'utf8');
}

export function utf16(value: EncodedValue, order: 'le' | 'be' | 'bom'): EncodedValue {
  const le = Buffer.from(value.text, 'utf16le');
  if (order === 'be') le.swap16();
  const out = order === 'bom' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : le;
  return { text: out.toString('latin1'), bytes: true };
}

export function base64(value: EncodedValue): EncodedValue {
  return { text: toBuffer(value).toString('base64'), bytes: false };
}

/**
 * The three base64 renderings of a value at byte offsets 0, 1 and 2 inside a longer string,
 * keeping only the characters that do not depend on the neighbouring bytes.
 */
export function base64Offsets(value: EncodedValue): EncodedValue[] {
  const data = toBuffer(value);
  const starts = [0, 2, 3];
  const endTrims = [0, 3, 2];
  const out: EncodedValue[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), data]).toString('base64');
    const trim = endTrims[(data.length + shift) % 3] ?? 0;
    out.push({ text: encoded.slice(starts[shift], encoded.length - trim), bytes: false });
  }
  return out;
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
const MAX_WINDASH_VARIANTS = 3125;

/** Every spelling of a command-line flag's leading dash (`-`, `/`, en, em and horizontal bar dashes). */
export function windash(value: EncodedValue): EncodedValue[] {
  const text = value.text;
  const spots: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const before = i === 0 ? ' ' : (text[i - 1] as string);
    const after = text[i + 1] ?? '';
    if ((c === '-' || c === '/') && !/\w/.test(before) && /\w/.test(after)) spots.push(i);
  }
  let variants = [text];
  for (const spot of spots) {
    if (variants.length * DASHES.length > MAX_WINDASH_VARIANTS) break;
    variants = variants.flatMap((v) => DASHES.map((d) => v.slice(0, spot) + d + v.slice(spot + 1)));
  }
  return variants.map((v) => ({ text: v, bytes: value.bytes }));
}
