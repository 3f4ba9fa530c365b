import { existsSync } from 'node:fs';
import { GarrisonError } from '../../errors.js';
import { type LogsLocation, parseLogsSpec, parseS3Url, type S3Location } from './locations.js';

/** Where CloudTrail is read from, as written on the command line. */
export type SourceSpec =
  | { kind: 'path'; spec: string; path: string }
  | { kind: 'stdin'; spec: string }
  | { kind: 's3'; spec: string; location: S3Location }
  | { kind: 'lookup'; spec: string; region: string }
  | { kind: 'logs'; spec: string; location: LogsLocation };

export const SOURCE_FORMS = `a file or folder (.json, .json.gz), - for stdin, s3://bucket/prefix, cloudtrail:<region> (LookupEvents), logs:<group>[:<stream-prefix>]`;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Reads one source; an unknown form or a missing path is a usage error with the forms that work. */
export function parseSourceSpec(spec: string): SourceSpec {
  if (spec === '-') return { kind: 'stdin', spec };
  if (spec.startsWith('s3://')) return { kind: 's3', spec, location: parseS3Url(spec) };
  if (spec.startsWith('cloudtrail:')) {
    const region = spec.slice('cloudtrail:'.length);
    if (!REGION.test(region)) {
      throw new GarrisonError('usage', `not a region in ${JSON.stringify(spec)}`, {
        hint: 'write cloudtrail:<region>, e.g. cloudtrail:us-east-1',
      });
    }
    return { kind: 'lookup', spec, region };
  }
  if (spec.startsWith('logs:')) return { kind: 'logs', spec, location: parseLogsSpec(spec) };
  if (spec !== '' && existsSync(spec)) return { kind: 'path', spec, path: spec };
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(spec)?.[1];
  if (scheme && !/^[a-z]$/i.test(scheme)) {
    throw new GarrisonError('usage', `unknown source ${JSON.stringify(spec)}`, {
      hint: `a source is ${SOURCE_FORMS}`,
    });
  }
  throw new GarrisonError('usage', `no such file or folder: ${JSON.stringify(spec)}`, {
    hint: `check the path; a source is ${SOURCE_FORMS}`,
  });
}

/** Sources read as bytes by the scanner's workers (files, S3 objects, stdin), as opposed to API sources. */
export function isBlobSource(spec: SourceSpec): boolean {
  return spec.kind === 'path' || spec.kind === 'stdin' || spec.kind === 's3';
}
