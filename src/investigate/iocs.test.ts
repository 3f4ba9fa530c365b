import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvRow, forTerminal } from '../cli/output/neutralise.js';
import type { Finding } from '../findings/finding.js';
import { IocCollector, iocsOfRecords, ipKind } from './iocs.js';
import { BACKDOOR_KEY, HOSTILE_AGENT, scenario } from './scenario.test-data.js';
import { stixBundle, stixPattern, stixString, uuidV5 } from './stix.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('indicators of compromise', () => {
  it('extracts IPs (never AWS service names), keys, principals, user agents and ARNs with sightings', () => {
    const records = scenario();
    records.push({ ...records[0], sourceIPAddress: 'ec2.amazonaws.com' } as (typeof records)[number]);
    records.push({ ...records[0], sourceIPAddress: 'AWS Internal' } as (typeof records)[number]);
    records.push({ ...records[0], sourceIPAddress: '2001:db8::7' } as (typeof records)[number]);
    const iocs = iocsOfRecords(records);
    const of = (kind: string) => iocs.filter((i) => i.kind === kind).map((i) => i.value);
    assert.deepEqual(of('ipv4').sort(), ['192.0.2.44', '198.51.100.20', '203.0.113.7']);
    assert.deepEqual(of('ipv6'), ['2001:db8::7']);
    assert.ok(of('access-key').includes(BACKDOOR_KEY));
    assert.ok(of('user-agent').includes(HOSTILE_AGENT));
    assert.ok(of('resource').includes('arn:aws:cloudtrail:us-east-1:111122223333:trail/main'));
    const attacker = iocs.find((i) => i.value === '192.0.2.44');
    assert.deepEqual(
      [attacker?.first, attacker?.last, attacker?.count],
      ['2026-11-19T14:00:00Z', '2026-11-19T14:10:00Z', 5],
    );
    assert.equal(ipKind('not an ip'), undefined);
    assert.equal(ipKind('203.0.113.7.evil'), undefined);
  });

  it('counts a finding-derived indicator once per event, however many rules fired on it', () => {
    const base = { source_ips: ['203.0.113.66'], principal: 'p', user_agents: [], resources: [], count: 2 };
    const f = (id: string, ids: string[]) =>
      ({
        ...base,
        id,
        event_ids: ids,
        event_ids_truncated: false,
        first_seen: '2026-01-01T00:00:00Z',
        last_seen: '2026-01-01T01:00:00Z',
      }) as unknown as Finding;
    const c = new IocCollector();
    c.addFinding(f('a', ['e1', 'e2']));
    c.addFinding(f('b', ['e2', 'e3']));
    assert.equal(c.list().find((i) => i.kind === 'ipv4')?.count, 3);
  });

  it('STIX 2.1: valid ids, the producer identity, patterns with quotes and backslashes escaped', () => {
    assert.equal(stixString("it's a \\ test"), "'it\\'s a \\\\ test'");
    assert.equal(stixPattern({ kind: 'ipv4', value: '203.0.113.7' }), "[ipv4-addr:value = '203.0.113.7']");
    assert.equal(
      stixPattern({ kind: 'principal', value: "x' OR '1'='1" }),
      "[user-account:user_id = 'x\\' OR \\'1\\'=\\'1']",
    );
    assert.match(uuidV5('a'), UUID);
    assert.notEqual(uuidV5('a'), uuidV5('b'));
    const iocs = iocsOfRecords(scenario());
    const bundle = stixBundle(iocs, { now: new Date('2026-11-20T00:00:00Z') }) as {
      type: string;
      id: string;
      objects: { type: string; id: string; pattern?: string; created_by_ref?: string; valid_from?: string }[];
    };
    assert.equal(bundle.type, 'bundle');
    assert.match(bundle.id, /^bundle--/);
    const [producer, ...indicators] = bundle.objects;
    assert.equal(producer?.type, 'identity');
    assert.equal(indicators.length, iocs.length);
    for (const o of bundle.objects) {
      const [type, uuid] = o.id.split('--');
      assert.equal(type, o.type);
      assert.match(uuid as string, UUID);
    }
    assert.equal(new Set(bundle.objects.map((o) => o.id)).size, bundle.objects.length, 'ids unique');
    for (const o of indicators) {
      assert.equal(o.created_by_ref, producer?.id);
      // Every quote inside the literal is escaped: the pattern has exactly one unescaped literal.
      const literal = /= '((?:[^'\\]|\\.)*)'\]$/.exec(o.pattern as string);
      assert.ok(literal, o.pattern);
      assert.ok(!Number.isNaN(Date.parse(o.valid_from as string)));
    }
    const hostile = indicators.find((o) => o.pattern?.includes('User-Agent') && o.pattern.includes('OR'));
    assert.ok(hostile?.pattern?.endsWith("\\' OR \\'1\\'=\\'1 \\\\']"), hostile?.pattern);
  });

  it('hostile values are inert for the terminal and a spreadsheet', () => {
    const line = forTerminal(HOSTILE_AGENT);
    assert.ok(!/[\u001b\u0007\u202e]/.test(line));
    assert.ok(csvRow(['user-agent', '=HYPERLINK("http://x")']).includes("'=HYPERLINK"));
  });
});
