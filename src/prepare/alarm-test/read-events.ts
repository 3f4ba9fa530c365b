import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GarrisonError } from '../../errors.js';
import { checkRecord, type Rejection } from '../../trail/record.js';
import type { AlarmTestInput } from './run.js';

/**
 * A small reader for local CloudTrail files, enough for `prepare test-filters`: a delivered file
 * (`{"Records":[...]}`, gzipped or not), a JSON array, one record, or one record per line (.ndjson,
 * .jsonl). Directories are read recursively. Bad input is rejected with its location, never dropped.
 */
export async function readEventFiles(
  paths: readonly string[],
): Promise<{ events: AlarmTestInput[]; rejections: Rejection[] }> {
  const events: AlarmTestInput[] = [];
  const rejections: Rejection[] = [];
  for (const path of await expand(paths)) {
    let text: string;
    try {
      const bytes = await readFile(path);
      text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
    } catch (error) {
      rejections.push({ location: path, reason: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const values = parseValues(path, text, rejections);
    values.forEach((value, index) => {
      const location = `${path}#${index}`;
      const checked = checkRecord(value);
      if (checked.ok) events.push({ name: location, record: checked.record });
      else rejections.push({ location, reason: checked.reason });
    });
  }
  return { events, rejections };
}

function parseValues(path: string, text: string, rejections: Rejection[]): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (/\.(ndjson|jsonl)(\.gz)?$/.test(path)) {
    const values: unknown[] = [];
    trimmed.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        values.push(JSON.parse(line));
      } catch (error) {
        rejections.push({
          location: `${path}:${i + 1}`,
          reason: `invalid JSON: ${(error as Error).message}`,
        });
      }
    });
    return values;
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    rejections.push({ location: path, reason: `invalid JSON: ${(error as Error).message}` });
    return [];
  }
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && Array.isArray((value as { Records?: unknown }).Records)) {
    return (value as { Records: unknown[] }).Records;
  }
  return [value];
}

async function expand(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new GarrisonError('usage', `no such file or folder: ${path}`, {
        hint: 'give CloudTrail files (.json, .json.gz, .ndjson) or folders of them',
      });
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    const inside = entries
      .filter((e) => e.isDirectory() || /\.(json|ndjson|jsonl)(\.gz)?$/.test(e.name))
      .map((e) => join(path, e.name))
      .sort();
    files.push(...(await expand(inside)));
  }
  return files;
}
