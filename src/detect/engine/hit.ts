import { type CloudTrailRecord, principalOf } from '../../trail/record.js';
import { resourcesOf } from './resources.js';

/**
 * What a scan worker sends back for a record that fired rules: the few fields grouping and
 * reporting need, never the whole record (structured-cloned across threads).
 */
export interface Hit {
  rules: string[];
  time: string;
  principal: string;
  account?: string | undefined;
  region?: string | undefined;
  resources: string[];
  sourceIp?: string | undefined;
  userAgent?: string | undefined;
  eventId?: string | undefined;
  eventSource: string;
  eventName: string;
  errorCode?: string | undefined;
  /** Earlier events that make up a stateful pattern, besides eventId. */
  related?: string[] | undefined;
}

export function hitOf(record: CloudTrailRecord, rules: string[]): Hit {
  return {
    rules,
    time: record.eventTime,
    principal: principalOf(record),
    account: record.recipientAccountId ?? record.userIdentity?.accountId,
    region: record.awsRegion,
    resources: resourcesOf(record),
    sourceIp: record.sourceIPAddress,
    userAgent: record.userAgent,
    eventId: record.eventID,
    eventSource: record.eventSource,
    eventName: record.eventName,
    errorCode: record.errorCode,
  };
}
