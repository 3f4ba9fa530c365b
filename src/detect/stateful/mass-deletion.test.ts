import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiCall } from '../rules/sample-events.js';
import { massDeletion as detection } from './mass-deletion.js';

const at = (minute: number) => `2026-03-14T12:${String(minute).padStart(2, '0')}:00Z`;
const deleteBucket = (minute: number, bucket: string, errorCode?: string) =>
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'DeleteBucket',
    eventTime: at(minute),
    requestParameters: { bucketName: bucket, Host: `${bucket}.s3.amazonaws.com` },
    ...(errorCode ? { errorCode } : {}),
  });

describe(detection.meta.id, () => {
  it('fires once when buckets, snapshots, trails and log groups go within minutes', () => {
    const detector = detection.create();
    const records = [
      deleteBucket(0, 'finance-reports'),
      apiCall({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DeleteSnapshot',
        eventTime: at(1),
        requestParameters: { snapshotId: 'snap-0a1b2c3d4e5f67890' },
      }),
      apiCall({
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'DeleteTrail',
        eventTime: at(2),
        requestParameters: { name: 'management-events' },
      }),
      apiCall({
        eventSource: 'logs.amazonaws.com',
        eventName: 'DeleteLogGroup',
        eventTime: at(3),
        requestParameters: { logGroupName: '/aws/lambda/billing' },
      }),
      deleteBucket(4, 'backups'),
      deleteBucket(5, 'more'),
    ];
    const hits = records.flatMap((r) => detector.observe(r));
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.related.length, 5);
    assert.match(
      hits[0]?.summary ?? '',
      /DeleteBucket finance-reports, DeleteSnapshot snap-0a1b2c3d4e5f67890, DeleteTrail management-events/,
    );
  });

  it('stays silent for slow clean-up, failed attempts and other principals', () => {
    const detector = detection.create();
    const slow = Array.from({ length: 6 }, (_, i) => ({
      ...deleteBucket(0, `b${i}`),
      eventTime: `2026-03-14T${String(10 + i).padStart(2, '0')}:00:00Z`,
    }));
    const failed = Array.from({ length: 6 }, (_, i) => deleteBucket(i, `f${i}`, 'AccessDenied'));
    const spread = Array.from({ length: 6 }, (_, i) => {
      const r = deleteBucket(i, `p${i}`);
      r.userIdentity = { ...r.userIdentity, arn: `arn:aws:iam::111122223333:user/u${i}` };
      return r;
    });
    assert.deepEqual(
      [...slow, ...failed, ...spread].flatMap((r) => detector.observe(r)),
      [],
    );
  });

  it('counts S3 object deletions against their own, higher bar', () => {
    const detector = detection.create();
    const objects = Array.from({ length: 120 }, (_, i) =>
      apiCall({
        eventSource: 's3.amazonaws.com',
        eventName: 'DeleteObject',
        eventTime: at(Math.floor(i / 20)),
        requestParameters: { bucketName: 'finance-reports', key: `k${i}` },
        extra: { eventCategory: 'Data', managementEvent: false },
      }),
    );
    const hits = objects.flatMap((r) => detector.observe(r));
    assert.equal(hits.length, 1);
    assert.match(hits[0]?.summary ?? '', /100 S3 object deletions/);
  });

  it('ignores a hostile request parameter named like a prototype key and holds at most maxKeys principals', () => {
    const detector = detection.create({ maxKeys: 5 });
    assert.deepEqual(
      detector.observe(apiCall({ eventSource: 's3.amazonaws.com', eventName: 'constructor' })),
      [],
    );
    for (let i = 0; i < 100; i++) {
      const r = deleteBucket(0, `b${i}`);
      r.userIdentity = { ...r.userIdentity, arn: `arn:aws:iam::111122223333:user/u${i}` };
      detector.observe(r);
    }
    assert.equal(detector.size(), 5);
  });
});
