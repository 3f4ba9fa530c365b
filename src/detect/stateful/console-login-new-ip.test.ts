import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleLogin, OFFICE_IP } from '../rules/sample-events.js';
import { consoleLoginNewIpWithoutMfa as detection } from './console-login-new-ip.js';

const at = (hour: number) => `2026-03-14T${String(hour).padStart(2, '0')}:00:00Z`;

describe(detection.meta.id, () => {
  it('fires on a sign-in without MFA from an address the user had not signed in from', () => {
    const detector = detection.create();
    const hits = [
      consoleLogin({ name: 'alice', sourceIPAddress: OFFICE_IP, eventTime: at(8) }),
      consoleLogin({ name: 'alice', sourceIPAddress: '203.0.113.66', eventTime: at(9) }),
    ].flatMap((r) => detector.observe(r));
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.sourceIp, '203.0.113.66');
    assert.equal(hits[0]?.related.length, 1);
  });

  it('stays silent for the first sign-in, a known address, MFA sign-ins and failures', () => {
    const detector = detection.create();
    const records = [
      consoleLogin({ name: 'bob', sourceIPAddress: '203.0.113.5', eventTime: at(8) }),
      consoleLogin({ name: 'bob', sourceIPAddress: '203.0.113.5', eventTime: at(9) }),
      consoleLogin({ name: 'bob', sourceIPAddress: '203.0.113.7', eventTime: at(10), mfa: true }),
      consoleLogin({ name: 'bob', sourceIPAddress: '203.0.113.9', eventTime: at(11), success: false }),
    ];
    assert.deepEqual(
      records.flatMap((r) => detector.observe(r)),
      [],
    );
  });

  it('keeps principals apart and holds at most maxKeys of them', () => {
    const detector = detection.create({ maxKeys: 3 });
    for (let i = 0; i < 50; i++)
      detector.observe(consoleLogin({ name: `user${i}`, sourceIPAddress: OFFICE_IP }));
    assert.equal(detector.size(), 3);
    assert.deepEqual(
      detector.observe(consoleLogin({ name: 'user0', sourceIPAddress: '203.0.113.1' })),
      [],
      'user0 was evicted, so it has no baseline',
    );
  });
});
