import type { RecordSifter } from './sift.js';
import { RecordSplitter } from './structure.js';

/**
 * Reads decompressed CloudTrail text in any layout, pushed in one piece or in chunks: NDJSON (one
 * record a line, each line judged on its own), or anything the structural splitter understands
 * (`{"Records":[...]}`, a JSON array, one record object, a digest file). Never throws for bad input:
 * every problem is a rejection through the sifter.
 */
export class LayoutReader {
  records = 0;
  bytesOut = 0;
  /** Set when the blob turned out to be a CloudTrail digest file. */
  skipped: string | undefined;
  private mode: 'start' | 'lines' | 'structure' = 'start';
  private splitter: RecordSplitter | undefined;
  private lineCarry: Buffer = Buffer.alloc(0);
  private lineIndex = 0;
  /** A lone top-level object is held back: it may be a single record, a digest, or not CloudTrail. */
  private held: Buffer | undefined;
  private values = 0;

  constructor(private readonly sifter: RecordSifter) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.mode === 'start') {
      let from = 0;
      if (this.bytesOut === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) from = 3;
      this.bytesOut += chunk.length;
      while (from < chunk.length && isSpace(chunk[from]!)) from++;
      if (from === chunk.length) return;
      this.mode = looksLikeNdjson(chunk, from) ? 'lines' : 'structure';
      this.forward(chunk.subarray(from));
      return;
    }
    this.bytesOut += chunk.length;
    this.forward(chunk);
  }

  /** At the end of the input; `cutOff` explains why it ended early (a truncated gzip stream). */
  end(cutOff?: string): void {
    const where = this.sifter.location;
    if (this.mode === 'start') {
      this.sifter.reject(where, cutOff ?? 'empty file');
      return;
    }
    if (this.mode === 'lines') {
      if (this.lineCarry.length > 0) {
        if (cutOff) this.sifter.reject(`${where}#${this.lineIndex}`, `${cutOff}: the last line is cut off`);
        else this.line(this.lineCarry, 0, this.lineCarry.length);
      } else if (cutOff) this.sifter.reject(where, cutOff);
      return;
    }
    const splitter = this.splitter!;
    const complete = splitter.finish();
    if (splitter.failure) {
      this.sifter.reject(
        where,
        `${splitter.failure.reason} (byte ${splitter.failure.offset}); the rest is not read`,
      );
    } else if (!complete) {
      const reason = cutOff ?? 'invalid JSON: unexpected end of input';
      this.sifter.reject(
        where,
        `${reason}: ${this.records} records read, the rest is cut off (from byte ${splitter.pendingOffset})`,
      );
    } else if (cutOff) this.sifter.reject(where, cutOff);
    if (this.held) this.single(this.held);
    else if (this.records === 0 && splitter.layout === 'unknown' && !splitter.failure)
      this.sifter.reject(where, 'empty file');
  }

  private forward(chunk: Buffer): void {
    if (this.mode === 'lines') this.lines(chunk);
    else {
      this.splitter ??= new RecordSplitter((buf, start, end) => this.value(buf, start, end));
      this.splitter.feed(chunk);
    }
  }

  private lines(chunk: Buffer): void {
    const data = this.lineCarry.length > 0 ? Buffer.concat([this.lineCarry, chunk]) : chunk;
    let start = 0;
    let newline = data.indexOf(0x0a, start);
    while (newline >= 0) {
      this.line(data, start, newline);
      start = newline + 1;
      newline = data.indexOf(0x0a, start);
    }
    this.lineCarry = Buffer.from(data.subarray(start));
  }

  private line(buf: Buffer, start: number, end: number): void {
    const index = this.lineIndex++;
    while (start < end && isSpace(buf[start]!)) start++;
    while (end > start && isSpace(buf[end - 1]!)) end--;
    if (start === end) return;
    if (
      end - start > RECORDS_HEAD.length &&
      buf.compare(RECORDS_HEAD, 0, RECORDS_HEAD.length, start, start + RECORDS_HEAD.length) === 0
    ) {
      this.single(Buffer.from(buf.subarray(start, end)), index);
      return;
    }
    this.records++;
    if (this.sifter.sift(buf, start, end, index) === 'unparsable')
      this.sifter.reject(`${this.sifter.location}#${index}`, this.sifter.lastParseError);
  }

  private value(buf: Buffer, start: number, end: number): void {
    const layout = this.splitter!.layout;
    if (layout === 'values' && this.values === 0) {
      this.values++;
      this.held = Buffer.from(buf.subarray(start, end));
      return;
    }
    if (this.held) {
      const held = this.held;
      this.held = undefined;
      this.record(held, 0, held.length);
    }
    this.values++;
    this.record(buf, start, end);
  }

  private record(buf: Buffer, start: number, end: number): void {
    const index = this.records++;
    if (this.sifter.sift(buf, start, end, index) === 'unparsable')
      this.sifter.reject(`${this.sifter.location}#${index}`, this.sifter.lastParseError);
  }

  /** The only top-level value of the file: a record, a digest file, or something else. */
  private single(buf: Buffer, line?: number): void {
    const where = line === undefined ? this.sifter.location : `${this.sifter.location}#${line}`;
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8'));
    } catch (error) {
      this.sifter.reject(where, `invalid JSON: ${(error as Error).message}`);
      return;
    }
    const object = value as Record<string, unknown>;
    if ('digestStartTime' in object || 'logFiles' in object) {
      this.skipped = 'CloudTrail digest file';
      return;
    }
    if (Array.isArray(object.Records)) {
      for (const item of object.Records) this.sifter.checkValue(item, this.records++);
      return;
    }
    if (!['eventVersion', 'eventTime', 'eventName', 'eventSource'].some((key) => key in object)) {
      this.sifter.reject(where, 'not CloudTrail: a JSON object with neither Records nor event fields');
      return;
    }
    this.sifter.checkValue(value, this.records++);
  }
}

const RECORDS_HEAD = Buffer.from('{"Records":');

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** One compact object on the first line, and more after it. */
function looksLikeNdjson(chunk: Buffer, from: number): boolean {
  if (chunk[from] !== 0x7b) return false;
  const newline = chunk.indexOf(0x0a, from);
  if (newline < 0) return false;
  let end = newline;
  while (end > from && isSpace(chunk[end - 1]!)) end--;
  if (chunk[end - 1] !== 0x7d) return false;
  for (let i = newline; i < chunk.length; i++) if (!isSpace(chunk[i]!)) return true;
  return false;
}
