import { type CloudTrailRecord, principalOf, type RecordOrigin } from '../../trail/record.js';
import type { Column, WriterSpec } from './writers.js';

/** A matched record and where it was read. */
export interface RecordRow {
  record: CloudTrailRecord;
  origin: RecordOrigin;
}

/** `iam:CreateUser` for iam.amazonaws.com / CreateUser: what an analyst says. */
export function shortEventName(record: CloudTrailRecord): string {
  return `${record.eventSource.replace(/\.amazonaws\.com$/, '')}:${record.eventName}`;
}

/** The terminal table: time, principal, source IP, event, region, error. */
export const RECORD_TABLE_COLUMNS: readonly Column<RecordRow>[] = [
  { header: 'time', width: 20, value: (r) => r.record.eventTime },
  { header: 'principal', width: 44, keep: 'end', value: (r) => principalOf(r.record) },
  { header: 'source ip', width: 15, value: (r) => r.record.sourceIPAddress },
  { header: 'event', width: 34, value: (r) => shortEventName(r.record) },
  { header: 'region', width: 14, value: (r) => r.record.awsRegion },
  { header: 'error', value: (r) => r.record.errorCode },
];

/** The CSV: the table's columns and what a spreadsheet analysis needs next (key, agent, parameters, origin). */
export const RECORD_CSV_COLUMNS: readonly Column<RecordRow>[] = [
  { header: 'eventTime', value: (r) => r.record.eventTime },
  { header: 'principal', value: (r) => principalOf(r.record) },
  { header: 'userName', value: (r) => r.record.userIdentity?.userName },
  { header: 'accessKeyId', value: (r) => r.record.userIdentity?.accessKeyId },
  { header: 'sourceIPAddress', value: (r) => r.record.sourceIPAddress },
  { header: 'eventSource', value: (r) => r.record.eventSource },
  { header: 'eventName', value: (r) => r.record.eventName },
  { header: 'awsRegion', value: (r) => r.record.awsRegion },
  { header: 'recipientAccountId', value: (r) => r.record.recipientAccountId },
  { header: 'errorCode', value: (r) => r.record.errorCode },
  { header: 'errorMessage', value: (r) => r.record.errorMessage },
  { header: 'userAgent', value: (r) => r.record.userAgent },
  { header: 'requestParameters', value: (r) => json(r.record.requestParameters) },
  { header: 'eventID', value: (r) => r.record.eventID },
  { header: 'origin', value: (r) => `${r.origin.source}#${r.origin.index}` },
];

function json(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

/** How `events` writes records: table/CSV columns above; JSON and NDJSON carry the raw record untouched. */
export const RECORD_WRITER: WriterSpec<RecordRow> = {
  tableColumns: RECORD_TABLE_COLUMNS,
  csvColumns: RECORD_CSV_COLUMNS,
  toJson: (row) => row.record,
  jsonKey: 'records',
};
