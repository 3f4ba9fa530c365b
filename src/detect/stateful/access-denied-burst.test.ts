import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiCall } from '../rules/sample-events.js';
import { accessDeniedBurst as detection, isRefusal } from './access-denied-burst.js';

const ACTIONS: [string, string][] = [
  ['iam.amazonaws.com', 'ListUsers'],
  ['iam.amazonaws.com', 'ListRoles'],
  ['s3.amazonaws.com', 'ListBuckets'],
  ['ec2.amazonaws.com', 'DescribeInstances'],
  ['lambda.amazonaws.com', 'ListFunctions20150331'],
  ['secretsmanager.amazonaws.com', 'ListSecrets'],
];

function denied(second: number, index: number, actor: 'user' | 'admin-role' = 'user') {
  const [eventSource, eventName] = ACTIONS[index % ACTIONS.length] as [string, string];
  const errorCode = eventSource === 'ec2.amazonaws.com' ? 'Client.UnauthorizedOperation' : 'AccessDenied';
  const minute = Math.floor(second / 60);
  const time = `2026-03-14T11:${String(minute).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}Z`;
  return apiCall({ eventSource, eventName, actor, errorCode, eventTime: time });
}

describe(detection.meta.id, () => {
  it('recognises refusal error codes and nothing else', () => {
    assert.ok(isRefusal('AccessDenied'));
    assert.ok(isRefusal('AccessDeniedException'));
    assert.ok(isRefusal('Client.UnauthorizedOperation'));
    assert.ok(!isRefusal('ThrottlingException'));
    assert.ok(!isRefusal(undefined));
  });

  it('fires once for a burst of refusals across many actions', () => {
    const detector = detection.create();
    const hits = Array.from({ length: 30 }, (_, i) => denied(i * 5, i)).flatMap((r) => detector.observe(r));
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.related.length, 10);
    assert.match(hits[0]?.summary ?? '', /10 refused calls across 6 actions/);
  });

  it('stays silent for one action retried, refusals spread over hours, and successes', () => {
    const detector = detection.create();
    const retried = Array.from({ length: 30 }, (_, i) => ({ ...denied(i, 0) }));
    const spread = Array.from({ length: 12 }, (_, i) => ({
      ...denied(0, i, 'admin-role'),
      eventTime: `2026-03-14T${String(i + 10).padStart(2, '0')}:00:00Z`,
    }));
    const ok = Array.from({ length: 30 }, (_, i) =>
      apiCall({ eventSource: 'iam.amazonaws.com', eventName: `List${i}`, eventTime: '2026-03-14T11:00:00Z' }),
    );
    assert.deepEqual(
      [...retried, ...spread, ...ok].flatMap((r) => detector.observe(r)),
      [],
    );
  });

  it('holds at most maxKeys principals', () => {
    const detector = detection.create({ maxKeys: 10 });
    for (let i = 0; i < 200; i++) {
      const record = denied(i, i);
      record.userIdentity = { ...record.userIdentity, arn: `arn:aws:iam::111122223333:user/u${i}` };
      detector.observe(record);
    }
    assert.equal(detector.size(), 10);
  });
});
