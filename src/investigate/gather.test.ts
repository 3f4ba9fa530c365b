import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gatherActivity } from './gather.js';
import { ALICE_KEY, BACKDOOR_KEY, BOB_SESSION_KEY, scenario, TOKEN_KEY } from './scenario.test-data.js';
import { logGaps } from './timeline.js';

const dir = mkdtempSync(join(tmpdir(), 'garrison-gather-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const records = scenario();
// Two log files, the chain's later hops in the second: following them needs the second pass.
writeFileSync(join(dir, 'a.json'), JSON.stringify({ Records: records.slice(0, 5) }));
writeFileSync(join(dir, 'b.json'), JSON.stringify({ Records: [...records.slice(5), { eventTime: 'bad' }] }));

describe('gathering activity through the scanner', () => {
  it('follows the chain across files in a second pass, counting every record per region and hour', async () => {
    const activity = await gatherActivity([dir], { accessKeys: [ALICE_KEY] }, { workers: 1 });
    assert.equal(activity.passes, 2);
    assert.deepEqual(
      activity.records.map((r) => r.record.eventName),
      [
        'AssumeRole',
        'CreateUser',
        'CreateAccessKey',
        'ListBuckets',
        'DeleteTrail',
        'GetSessionToken',
        'GetObject',
        'ConsoleLogin',
      ],
    );
    assert.ok(activity.chain.keys.includes(TOKEN_KEY) && !activity.chain.keys.includes(BOB_SESSION_KEY));
    assert.equal(activity.trail.records, records.length + 1, 'every record read, the bad one too');
    const hours = activity.hours.get('us-east-1');
    assert.equal(hours?.get('2026-11-19T10'), 4);
    assert.equal(
      [...(hours?.values() ?? [])].reduce((a, b) => a + b, 0),
      records.length,
    );
    assert.deepEqual(logGaps(activity.hours), [
      { region: 'us-east-1', from: '2026-11-19T11:00:00.000Z', to: '2026-11-19T14:00:00.000Z', hours: 3 },
    ]);
  });

  it('without following, keeps to the key given; with a time window, to that window', async () => {
    const plain = await gatherActivity([dir], { accessKeys: [BACKDOOR_KEY] }, { workers: 1, follow: false });
    assert.equal(plain.passes, 1);
    assert.deepEqual(
      plain.records.map((r) => r.record.eventName),
      ['ListBuckets', 'DeleteTrail', 'GetSessionToken'],
    );
    const windowed = await gatherActivity(
      [dir],
      { accessKeys: [ALICE_KEY] },
      { workers: 1, since: Date.parse('2026-11-19T14:00:30Z'), until: Date.parse('2026-11-19T14:05:00Z') },
    );
    assert.deepEqual(
      windowed.records.map((r) => r.record.eventName),
      ['DeleteTrail', 'GetSessionToken', 'GetObject'],
    );
  });

  it('selects by IP, session name and resource', async () => {
    const byIp = await gatherActivity([dir], { ips: ['198.51.100.20'] }, { workers: 1, follow: false });
    assert.equal(byIp.records.length, 3);
    const bySession = await gatherActivity([dir], { sessions: ['pwn'] }, { workers: 1, follow: false });
    assert.deepEqual(
      bySession.records.map((r) => r.record.eventName),
      ['CreateUser', 'CreateAccessKey'],
    );
    const byResource = await gatherActivity(
      [dir],
      { resources: ['customer-exports'] },
      { workers: 1, follow: false },
    );
    assert.deepEqual(
      byResource.records.map((r) => r.record.eventName),
      ['GetObject'],
    );
  });

  it('gaps: quiet at the edges is no gap; each region on its own', () => {
    const hours = new Map([
      [
        'us-east-1',
        new Map([
          ['2026-11-19T01', 5],
          ['2026-11-19T02', 1],
          ['2026-11-19T05', 2],
        ]),
      ],
      ['eu-west-1', new Map([['2026-11-19T03', 1]])],
    ]);
    assert.deepEqual(logGaps(hours), [
      { region: 'us-east-1', from: '2026-11-19T03:00:00.000Z', to: '2026-11-19T05:00:00.000Z', hours: 2 },
    ]);
    assert.deepEqual(
      logGaps(
        new Map([
          [
            'x',
            new Map([
              ['garbage', 3],
              ['2026-11-19T01', 1],
            ]),
          ],
        ]),
      ),
      [],
    );
  });
});
