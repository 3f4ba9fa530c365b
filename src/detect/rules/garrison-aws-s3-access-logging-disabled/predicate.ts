import type { CloudTrailRecord } from '../../../trail/record.js';

/** True when the new logging status has no LoggingEnabled element (logging switched off). */
export function predicate(record: CloudTrailRecord): boolean {
  if (
    record.eventSource !== 's3.amazonaws.com' ||
    record.eventName !== 'PutBucketLogging' ||
    record.errorCode
  )
    return false;
  const status = record.requestParameters?.BucketLoggingStatus;
  if (!status || typeof status !== 'object') return false;
  return !('LoggingEnabled' in status);
}
