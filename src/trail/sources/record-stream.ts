import { GarrisonError } from '../../errors.js';
import { type CloudTrailRecord, checkRecord, type RecordOrigin, type Rejection } from '../record.js';

/** What an API source (LookupEvents, CloudWatch Logs) yields: records already parsed, or rejections. */
export type SourceItem =
  | { kind: 'record'; record: CloudTrailRecord; origin: RecordOrigin }
  | { kind: 'rejected'; rejection: Rejection };

/** Parses one record's JSON text as delivered by an API, keeping its origin; bad text becomes a rejection. */
export function parseRecordText(
  text: string | undefined,
  origin: RecordOrigin,
  location: string,
): SourceItem {
  if (text === undefined || text === '') {
    return { kind: 'rejected', rejection: { location, reason: 'empty event: no CloudTrail record in it' } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'rejected', rejection: { location, reason: `invalid JSON: ${(error as Error).message}` } };
  }
  const checked = checkRecord(value);
  if (!checked.ok) return { kind: 'rejected', rejection: { location, reason: checked.reason } };
  return { kind: 'record', record: checked.record, origin };
}

/** `Name: message` of an AWS SDK error (ThrottlingException: Rate exceeded), on one line. */
export function awsErrorText(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message.split('\n')[0] ?? '';
    return error.name && error.name !== 'Error' ? `${error.name}: ${message}` : message;
  }
  return String(error);
}

/** The SDK could not parse the answer because it was an HTML page: what an unimplemented API returns on emulators. */
export function answeredWithPage(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Deserialization error/.test(message) && /Unexpected token '<'|<!doctype|<html/i.test(message);
}

/**
 * Runs an API source so that a failure before anything was read stops the command (the source
 * cannot be opened: wrong name, no permission), while a failure part-way (throttling that
 * outlasted the SDK's retries, a dropped connection) becomes one rejection for the source: what
 * was read is kept, and the run ends as partial.
 */
export async function* guardApiSource(
  source: string,
  items: AsyncIterable<SourceItem>,
  hint: string,
): AsyncGenerator<SourceItem> {
  let seen = 0;
  try {
    for await (const item of items) {
      seen++;
      yield item;
    }
  } catch (error) {
    if (error instanceof GarrisonError) throw error;
    if (seen === 0 && answeredWithPage(error)) {
      throw new GarrisonError(
        'aws-unsupported',
        `cannot read ${source}: this endpoint does not implement the API (it answered with an HTML page, not AWS JSON)`,
        {
          cause: error,
          hint: 'local emulators such as moto do not implement every API (LookupEvents answers HTTP 500 there); read the trail from S3 or CloudWatch Logs instead',
        },
      );
    }
    if (seen === 0) {
      throw new GarrisonError('aws', `cannot read ${source}: ${awsErrorText(error)}`, { cause: error, hint });
    }
    yield {
      kind: 'rejected',
      rejection: { location: source, reason: `stopped after ${seen} events: ${awsErrorText(error)}` },
    };
  }
}

/** Appends rejections to a summary's list up to its cap (all are counted elsewhere). */
export function keepErrors(into: Rejection[], more: readonly Rejection[], maxErrors = 1000): void {
  for (const error of more) {
    if (into.length >= maxErrors) return;
    into.push(error);
  }
}
