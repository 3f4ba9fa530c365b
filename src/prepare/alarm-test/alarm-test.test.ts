import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { AwsClients } from '../../aws/clients.js';
import { ALARM_TEST_EVENTS } from '../cis/events/index.js';
import { cisFilter } from '../cis/patterns.js';
import { defaultTestEvents } from './default-events.js';
import { builtinAlarmFilters } from './filters.js';
import { type AlarmTestInput, testAlarmFilters } from './run.js';
import { alarmTestSummary } from './summary.js';
import { readTrailEvents } from './trail-events.js';

const inputs: AlarmTestInput[] = ALARM_TEST_EVENTS.map((e) => ({
  name: e.name,
  record: e.record,
  expected: e.raises,
}));

describe('testAlarmFilters', () => {
  it('proves the built-in CIS filters on the built-in events: no miss, no noise', () => {
    const report = testAlarmFilters(builtinAlarmFilters().filters, inputs);
    assert.equal(report.failures, 0);
    assert.equal(report.silent, ALARM_TEST_EVENTS.filter((e) => e.raises.length === 0).length);
    for (const f of report.filters) {
      assert.equal(f.error, undefined);
      assert.deepEqual(f.covers, [f.name], `${f.name} stands in for itself only`);
      assert.ok(f.matched >= 1, `${f.name} never matched`);
    }
    const stop = report.events.find((e) => e.name.startsWith('StopLogging refused'));
    assert.deepEqual(stop?.filters.sort(), ['cloudtrail-changes', 'unauthorized-api-calls']);
    assert.equal(stop?.alarms.length, 2);
  });

  it('names the attacks an account without a filter would not see', () => {
    const filters = builtinAlarmFilters().filters.filter((f) => f.name !== 'cloudtrail-changes');
    const report = testAlarmFilters(filters, inputs);
    const missed = report.events.filter((e) => e.missed?.length);
    assert.ok(missed.length >= 3);
    for (const e of missed) assert.deepEqual(e.missed, ['cloudtrail-changes']);
    assert.ok(report.events.find((e) => e.name === 'StopLogging (cloudtrail)')?.alarms.length === 0);
  });

  it('a filter with no alarm on its metric does not count as catching anything', () => {
    const filters = builtinAlarmFilters().filters.map((f) =>
      f.name === 'kms-key-disable-or-deletion' ? { ...f, alarms: [] } : f,
    );
    const report = testAlarmFilters(filters, inputs);
    const kms = report.events.find((e) => e.name === 'DisableKey (kms)');
    assert.deepEqual(kms?.filters, ['kms-key-disable-or-deletion']);
    assert.deepEqual(kms?.missed, ['kms-key-disable-or-deletion']);
  });

  it('a looser account filter still covers the CIS alarm, and its noise on near misses is reported', () => {
    const loose = {
      name: 'root-any',
      pattern: '{ $.userIdentity.type = "Root" }',
      alarms: ['RootAlarm'],
      logGroup: 'g',
    };
    const report = testAlarmFilters([loose], inputs);
    assert.deepEqual(report.filters[0]?.covers, ['root-usage']);
    const invoked = report.events.find((e) => e.name.startsWith('near miss: a service acting for root'));
    assert.deepEqual(invoked?.unexpected, ['root-any']);
  });

  it('reports a pattern it cannot evaluate instead of failing the run', () => {
    const broken = [
      { name: 'bad', pattern: '{ $.eventName = ', alarms: ['A'], logGroup: 'g' },
      { name: 'spaces', pattern: '[ip, user, status > high]', alarms: ['B'], logGroup: 'g' },
      { ...builtinAlarmFilters().filters[0]!, pattern: cisFilter('root-usage').pattern },
    ];
    const report = testAlarmFilters(broken, inputs);
    assert.match(report.filters[0]?.error ?? '', /expected a value/);
    assert.match(report.filters[1]?.error ?? '', /compares numbers/);
    assert.equal(report.filters[2]?.error, undefined);
    assert.equal(report.filters[0]?.matched, 0);
  });
});

describe('the default test events', () => {
  it('are the alarm test events plus the detection pack attacks, and the summary names attacks no alarm sees', async () => {
    const { events, notices } = await defaultTestEvents();
    assert.deepEqual(notices, []);
    const attacks = events.filter((e) => e.attack);
    assert.ok(attacks.length > 0, 'the detection pack contributes attack events');
    assert.equal(events.filter((e) => e.expected).length, ALARM_TEST_EVENTS.length);
    const set = builtinAlarmFilters();
    const report = testAlarmFilters(set.filters, events);
    assert.equal(report.failures, 0);
    const root = report.events.filter((e) => e.attack === 'garrison-aws-root-account-used');
    assert.ok(
      root.length > 0 && root.every((e) => e.alarms.length > 0),
      'root use is seen by the CIS root alarm',
    );
    const summary = alarmTestSummary(set, report, []).join('\n');
    assert.match(summary, /detection pack attacks that raise no alarm: \d+ of \d+/);
    assert.doesNotMatch(summary.split('raise no alarm')[1] ?? '', /garrison-aws-root-account-used/);
  });
});

describe('readTrailEvents', () => {
  let dir = '';
  const record = ALARM_TEST_EVENTS[0]!.record;
  const offline = new AwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9', maxAttempts: 1 });
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'garrison-events-'));
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'delivered.json.gz'), gzipSync(JSON.stringify({ Records: [record, record] })));
    await writeFile(join(dir, 'nested', 'lines.ndjson'), `${JSON.stringify(record)}\n{"eventName":"x"}\n`);
    await writeFile(join(dir, 'broken.json'), '{"Records": [');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads delivered, gzipped and NDJSON files through the trail reader, naming each event by its origin', async () => {
    const { events, rejections } = await readTrailEvents([dir], offline);
    assert.equal(events.length, 3);
    assert.ok(events.every((e) => e.record.eventName === record.eventName));
    assert.ok(events.some((e) => e.name.endsWith('delivered.json.gz#1')));
    assert.equal(rejections.length, 2, JSON.stringify(rejections));
  });

  it('stops at the limit and says so', async () => {
    const { events, notices } = await readTrailEvents([dir], offline, 1);
    assert.equal(events.length, 1);
    assert.deepEqual(notices, ['only the first 1 events were tested']);
  });

  it('refuses a path that does not exist before reading anything (a usage error)', async () => {
    await assert.rejects(
      readTrailEvents([join(dir, 'missing.json')], offline),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'usage');
        assert.match(error.message, /no such file or folder/);
        return true;
      },
    );
  });
});
