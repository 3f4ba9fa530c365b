import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { GarrisonError } from '../errors.js';
import { type GuardDutyFinding, parseGuardDutyFinding, type RejectedFinding } from './schema.js';

const gunzipAsync = promisify(gunzip);

/** Findings read from some input: the valid ones, and each rejected one with where and why. */
export interface FindingBatch {
  findings: GuardDutyFinding[];
  rejected: RejectedFinding[];
}

/** Largest decompressed input accepted (an S3 export file is far smaller). */
const MAX_BYTES = 256 * 1024 * 1024;

export function emptyBatch(): FindingBatch {
  return { findings: [], rejected: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The findings in one JSON document: an EventBridge event (`detail-type: "GuardDuty Finding"`,
 * the finding in `detail`), an array of findings, a GetFindings answer (`{"Findings":[...]}`),
 * or one finding. Adds to `into`; never throws for bad content.
 */
export function addDocument(value: unknown, where: string, into: FindingBatch): void {
  const add = (item: unknown, at: string) => {
    const parsed = parseGuardDutyFinding(item, at);
    if (parsed.ok) into.findings.push(parsed.finding);
    else into.rejected.push(parsed.rejected);
  };
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) addDocument(item, `${where}[${i}]`, into);
    return;
  }
  if (!isObject(value)) {
    into.rejected.push({ where, reason: `not a JSON object (${value === null ? 'null' : typeof value})` });
    return;
  }
  if ('detail-type' in value || ('source' in value && 'detail' in value)) {
    if (value['detail-type'] !== 'GuardDuty Finding' || value.source !== 'aws.guardduty') {
      into.rejected.push({
        where,
        reason: `an EventBridge event that is not a GuardDuty finding (${String(value['detail-type']).slice(0, 60)})`,
      });
      return;
    }
    add(value.detail, where);
    return;
  }
  const list = value.Findings ?? value.findings;
  if (Array.isArray(list)) {
    for (const [i, item] of list.entries()) add(item, `${where}[${i}]`);
    return;
  }
  add(value, where);
}

/** Findings in a text: one JSON document, or JSON lines (GuardDuty's S3 export). */
export function addText(text: string, where: string, into: FindingBatch): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  try {
    addDocument(JSON.parse(trimmed), where, into);
    return;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const at = `${where}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      into.rejected.push({ where: at, reason: `not JSON: ${(error as Error).message.slice(0, 120)}` });
      return;
    }
    addDocument(value, at, into);
  });
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new Error(`more than ${MAX_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads GuardDuty findings from files, `-` for stdin (gzipped or not, detected by content). */
export async function readFindingFiles(paths: readonly string[]): Promise<FindingBatch> {
  const batch = emptyBatch();
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = path === '-' ? await readStdin() : await readFile(path);
    } catch (cause) {
      throw new GarrisonError('input', `cannot read ${path}: ${(cause as Error).message}`, { cause });
    }
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = await gunzipAsync(bytes, { maxOutputLength: MAX_BYTES });
      } catch (error) {
        // A corrupt or oversized export file is rejected input, not a reason to stop the others.
        batch.rejected.push({
          where: path,
          reason: `not readable gzip: ${(error as Error).message.slice(0, 120)}`,
        });
        continue;
      }
    }
    if (bytes.length > MAX_BYTES)
      throw new GarrisonError('input', `${path} is larger than ${MAX_BYTES} bytes`);
    addText(bytes.toString('utf8'), path, batch);
  }
  return batch;
}
