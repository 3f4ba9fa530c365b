import type { RecordHead } from './head.js';

/**
 * A record built from its head (see RecordHead) without parsing the head again: the top-level
 * strings already read are decoded, userIdentity is parsed once per distinct text (a session
 * makes many calls with the same identity block) and only the rest of the record goes through
 * JSON.parse. The result equals JSON.parse of the whole record, key order included, or the
 * builder says undefined and the record is parsed whole: when any part is not exactly as AWS
 * writes it, or is not valid JSON (then the whole parse gives the rejection its reason).
 * Records built here share their userIdentity object: for readers that never change records.
 */

const COMMA = 0x2c;
const MAX_IDENTITIES = 4096;

/** Names of top-level string members, so that the usual ones are not decoded for every record. */
const KNOWN = [
  'eventVersion',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
].map((name) => ({ name, bytes: Buffer.from(name) }));

function keyAt(buf: Buffer, start: number, end: number): string {
  for (const { name, bytes } of KNOWN) {
    if (bytes.length !== end - start) continue;
    let same = true;
    for (let i = 0; i < bytes.length && same; i++) same = buf[start + i] === bytes[i];
    if (same) return name;
  }
  return buf.toString('utf8', start, end);
}

export class HeadRecords {
  private readonly identities = new Map<string, unknown>();

  /** The record `buf[start, end)` whose head `head` has read, or undefined (parse it whole). */
  build(head: RecordHead, buf: Buffer, end: number): Record<string, unknown> | undefined {
    const { identityStart, identityEnd, timeKey, topEnd } = head;
    if (!head.plainTop || identityEnd < 0 || topEnd < 0) return undefined;
    if (buf[identityEnd + 1] !== COMMA || identityEnd + 2 !== timeKey) return undefined;
    const identity = this.identity(buf.toString('utf8', identityStart, identityEnd + 1));
    if (identity === undefined) return undefined;
    let rest: Record<string, unknown> | undefined;
    if (topEnd !== end - 1) {
      if (buf[topEnd - 1] !== COMMA) return undefined;
      try {
        rest = JSON.parse(`{${buf.toString('utf8', topEnd, end)}`) as Record<string, unknown>;
      } catch {
        return undefined;
      }
      if (Object.hasOwn(rest, '__proto__')) return undefined;
    }
    const record: Record<string, unknown> = {};
    let ok = true;
    let members = 0;
    head.topMembers((keyStart, keyEnd, open, close) => {
      const key = keyAt(buf, keyStart, keyEnd);
      if (key === '__proto__') ok = false;
      record[key] = buf.toString('utf8', open + 1, close);
      // userIdentity comes right after eventVersion, the first member.
      if (members++ === 0) record.userIdentity = identity;
    });
    if (!ok) return undefined;
    if (rest) for (const key of Object.keys(rest)) record[key] = rest[key];
    return record;
  }

  /** userIdentity parsed, once per distinct text; undefined when it is not valid JSON. */
  private identity(text: string): unknown {
    let parsed = this.identities.get(text);
    if (parsed !== undefined) return parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (this.identities.size >= MAX_IDENTITIES) this.identities.clear();
    this.identities.set(text, parsed);
    return parsed;
  }
}
