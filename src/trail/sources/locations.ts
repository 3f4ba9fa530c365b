import { GarrisonError } from '../../errors.js';

/**
 * Where S3 and CloudWatch Logs sources point, parsed from their command-line spelling. Kept apart
 * from the readers so that naming a source does not load the AWS SDK.
 */

export interface S3Location {
  bucket: string;
  prefix: string;
}

/** `s3://bucket/prefix` → bucket and prefix (the prefix may be empty, a folder or one object key). */
export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) {
    throw new GarrisonError('usage', `not an S3 location: ${url}`, {
      hint: 'write it as s3://bucket or s3://bucket/AWSLogs/123456789012/CloudTrail/',
    });
  }
  return { bucket: m[1]!, prefix: m[2] ?? '' };
}

export interface LogsLocation {
  group: string;
  /** Only streams whose name starts with this (CloudTrail names them `<account>_CloudTrail_<region>`). */
  streamPrefix?: string;
}

/** `logs:<group>` or `logs:<group>:<stream-prefix>` (group names cannot contain `:`). */
export function parseLogsSpec(spec: string): LogsLocation {
  const rest = spec.slice('logs:'.length);
  const colon = rest.indexOf(':');
  const group = colon < 0 ? rest : rest.slice(0, colon);
  const streamPrefix = colon < 0 ? undefined : rest.slice(colon + 1);
  if (!/^[\w./#-]{1,512}$/.test(group)) {
    throw new GarrisonError('usage', `not a CloudWatch Logs group: ${JSON.stringify(group)}`, {
      hint: 'write it as logs:<group> or logs:<group>:<stream-prefix>, e.g. logs:aws-cloudtrail-logs-123456789012',
    });
  }
  return streamPrefix ? { group, streamPrefix } : { group };
}
