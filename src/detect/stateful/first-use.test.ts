import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudTrailRecord } from '../../trail/record.js';
import { BytePeek } from '../../trail/scan/peek.js';
import { apiCall, CLI_AGENT, OFFICE_IP } from '../rules/sample-events.js';
import { agentFamily, firstUseThenSensitiveCall as detection, SENSITIVE } from './first-use.js';
import { marksOf } from './first-use-table.js';

const at = (minute: number) => `2026-03-14T13:${String(minute).padStart(2, '0')}:00Z`;
const call = (minute: number, eventName: string, sourceIPAddress = OFFICE_IP, userAgent = CLI_AGENT) =>
  apiCall({ eventSource: 'iam.amazonaws.com', eventName, eventTime: at(minute), sourceIPAddress, userAgent });
const baseline = [call(0, 'ListUsers'), call(1, 'GetUser'), call(2, 'ListRoles')];
/** After the baseline, a first call from a new IP, then a sensitive one from it two minutes later. */
const NEW_IP = '203.0.113.66';
const fromNewIp = () => [...baseline, call(10, 'GetUser', NEW_IP), call(12, 'CreateAccessKey', NEW_IP)];

function hunt(records: CloudTrailRecord[], options = {}) {
  const detector = detection.create(options);
  const during = records.flatMap((r) => detector.observe(r));
  return { hits: [...during, ...detector.flush()], during, detector };
}

describe(detection.meta.id, () => {
  it('blurs version numbers in user agents and ignores AWS service agents', () => {
    assert.equal(agentFamily('aws-cli/2.15.30 Python/3.11.8'), agentFamily('aws-cli/2.16.1 Python/3.12.0'));
    assert.equal(agentFamily('console.amazonaws.com'), undefined);
    assert.equal(agentFamily('AWS Internal'), undefined);
    // Answers are remembered: asked again (past the bound too), the same.
    for (let i = 0; i < 5000; i++) agentFamily(`agent-${i}`);
    assert.equal(agentFamily('AWS Internal'), undefined);
    assert.equal(agentFamily('aws-cli/2.15.30 Python/3.11.8'), 'aws-cli/#.#.# Python/#.#.#');
    assert.equal(agentFamily('aws-cli/2.15.30 Python/3.11.8'), 'aws-cli/#.#.# Python/#.#.#');
  });

  it('reports, at the end of the hunt, a sensitive call from an IP first used shortly before', () => {
    const { hits, during } = hunt(fromNewIp());
    assert.deepEqual(during, []);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.eventName, 'CreateAccessKey');
    assert.match(
      hits[0]?.summary ?? '',
      /CreateAccessKey from ip 203\.0\.113\.66, first used by this principal 2 min earlier/,
    );
    assert.equal(hits[0]?.related.length, 1);
  });

  it('judges the oldest waiting call at once when too many wait, instead of dropping it', () => {
    const records = [...fromNewIp(), call(13, 'CreateUser'), call(14, 'AttachUserPolicy')];
    const { hits, during } = hunt(records, { maxPending: 2 });
    assert.deepEqual(
      during.map((h) => h.eventName),
      ['CreateAccessKey'],
      'judged when the third call arrived',
    );
    assert.deepEqual(hits, hunt(records).hits, 'the same hit as when all wait for the end');
  });

  it('fires on a new user agent family (a pentest distribution, another SDK)', () => {
    const boto = 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.5.0-kali3-amd64';
    const { hits } = hunt([...baseline, call(20, 'StopLogging', OFFICE_IP, boto)]);
    assert.equal(hits.length, 1);
    assert.match(hits[0]?.summary ?? '', /user agent Boto#/);
  });

  it('gives the same answer whatever order the files are read in', () => {
    const records = fromNewIp();
    const inOrder = hunt(records).hits.map((h) => h.eventId);
    const reversed = hunt([...records].reverse()).hits.map((h) => h.eventId);
    assert.deepEqual(reversed, inOrder);
  });

  it('gives the same answer when workers collect first-seen tables from raw bytes and only sensitive calls are parsed', () => {
    const records = [...fromNewIp(), call(13, 'CreateAccessKey')];
    const expected = hunt(records).hits.map((h) => h.eventId);
    const collector = detection.collector?.();
    assert.ok(collector);
    const detector = detection.create();
    for (const record of records) {
      const peek = new BytePeek(Buffer.from(JSON.stringify(record)));
      collector.peek(peek);
      if (detection.mightMatch(peek)) detector.observe(record);
    }
    detector.absorb?.(structuredClone(collector.drain()));
    assert.deepEqual(
      detector.flush().map((h) => h.eventId),
      expected,
    );
    assert.equal(expected.length, 1);
    assert.deepEqual(collector.drain(), [], 'drain starts afresh');
  });

  it('stays silent without a baseline, for familiar places, for harmless calls and after the follow-up hour', () => {
    const records = [
      call(0, 'CreateAccessKey', '203.0.113.9'),
      call(1, 'ListUsers'),
      call(2, 'ListUsers'),
      call(3, 'ListUsers'),
      call(4, 'CreateAccessKey'),
      call(5, 'ListGroups', '198.51.100.99'),
      { ...call(0, 'CreateAccessKey', '198.51.100.99'), eventTime: '2026-03-14T15:30:00Z' },
    ];
    assert.deepEqual(hunt(records).hits, []);
  });

  it('ignores malformed aggregates and services acting for the principal', () => {
    const detector = detection.create();
    for (const junk of [
      null,
      7,
      'x',
      [[1, 2, 3]],
      [['p', 'not-a-list', []]],
      [['p', [1], [['m', 'soon', 'e']]]],
    ])
      detector.absorb?.(junk);
    const viaService = call(12, 'CreateAccessKey', NEW_IP);
    viaService.userIdentity = { ...viaService.userIdentity, invokedBy: 'cloudformation.amazonaws.com' };
    for (const r of [...baseline, call(10, 'GetUser', NEW_IP), viaService]) detector.observe(r);
    assert.deepEqual(detector.flush(), []);
    assert.ok(SENSITIVE.has('CreateAccessKey'));
  });

  it('holds at most maxKeys principals', () => {
    const detector = detection.create({ maxKeys: 20 });
    for (let i = 0; i < 300; i++) {
      const r = call(0, 'ListUsers');
      r.userIdentity = { ...r.userIdentity, principalId: `AIDA${i}` };
      detector.observe(r);
    }
    assert.equal(detector.size(), 20);
  });
});

describe('the marks of a call (first-use tables)', () => {
  it('an address that is an IP, and a user agent with its numbers blurred; the same string each time', () => {
    const agent = 'aws-cli/2.15.0 Python/3.11.6';
    assert.deepEqual(marksOf('203.0.113.7', agent), ['ip 203.0.113.7', 'agent aws-cli/#.#.# Python/#.#.#']);
    assert.deepEqual(marksOf('lambda.amazonaws.com', 'lambda.amazonaws.com'), []);
    assert.deepEqual(marksOf('not an ip', undefined), []);
    const [ip1, agent1] = marksOf(`203.0.113.${7}`, `aws-cli/2.15.0 ${'Python/3.11.6'}`);
    const [ip2, agent2] = marksOf('203.0.113.7', agent);
    assert.ok(ip1 === ip2 && agent1 === agent2);
  });

  it('attacker-long values still get their marks, and are not remembered', () => {
    const long = `evil/${'x'.repeat(100_000)}`;
    const [ip, agent] = marksOf('198.51.100.1', long);
    assert.equal(ip, 'ip 198.51.100.1');
    assert.equal(agent, `agent ${long.slice(0, 200)}`);
    assert.deepEqual(marksOf(`198.51.100.${1}`, long), [ip, agent]);
  });
});
