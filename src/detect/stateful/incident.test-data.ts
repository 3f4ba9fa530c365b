import type { CloudTrailRecord } from '../../trail/record.js';
import { apiCall, CLI_AGENT, consoleLogin, OFFICE_IP } from '../rules/sample-events.js';

const at = (minute: number, second = 0) =>
  `2026-03-14T14:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;

/** One stream in which every stateful detection has something to find, among ordinary activity. */
export function incident(): CloudTrailRecord[] {
  const records: CloudTrailRecord[] = [
    consoleLogin({ name: 'alice', sourceIPAddress: OFFICE_IP, eventTime: at(0), mfa: false }),
    ...['ListUsers', 'GetUser', 'ListRoles', 'ListGroups'].map((eventName, i) =>
      apiCall({
        eventSource: 'iam.amazonaws.com',
        eventName,
        eventTime: at(1, i),
        sourceIPAddress: OFFICE_IP,
        userAgent: CLI_AGENT,
      }),
    ),
    consoleLogin({ name: 'alice', sourceIPAddress: '203.0.113.66', eventTime: at(2), mfa: false }),
    apiCall({
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      eventTime: at(3),
      sourceIPAddress: '203.0.113.66',
      requestParameters: { userName: 'bob' },
    }),
    apiCall({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      actor: 'instance',
      eventTime: at(3, 30),
      sourceIPAddress: '44.192.20.180',
    }),
    apiCall({
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      actor: 'instance',
      eventTime: at(4),
      sourceIPAddress: '198.51.100.200',
    }),
  ];
  const denied = [
    'ListUsers',
    'ListRoles',
    'ListPolicies',
    'ListGroups',
    'GetAccountSummary',
    'ListAccessKeys',
  ];
  for (let i = 0; i < 12; i++)
    records.push(
      apiCall({
        eventSource: 'iam.amazonaws.com',
        eventName: denied[i % denied.length] as string,
        actor: 'admin-role',
        eventTime: at(5, i),
        errorCode: 'AccessDenied',
      }),
    );
  for (let i = 0; i < 6; i++)
    records.push(
      apiCall({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DeleteSnapshot',
        actor: 'admin-role',
        eventTime: at(6, i),
        requestParameters: { snapshotId: `snap-0${i}` },
      }),
    );
  return records;
}
