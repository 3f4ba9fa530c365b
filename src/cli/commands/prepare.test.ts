import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { AwsClients } from '../../aws/clients.js';
import { ALARM_TEST_EVENTS } from '../../prepare/cis/events/index.js';
import { type PrepareIo, registerPrepare, runTestFilters } from './prepare.js';

function capture(isTerminal = false): PrepareIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTerminal,
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
  return io;
}

/** No AWS is reachable here: any call would fail, proving --builtin needs none. */
const offline = new AwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9', maxAttempts: 1 });

describe('prepare test-filters (no AWS)', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'garrison-test-filters-'));
    const stop = ALARM_TEST_EVENTS.find((e) => e.name === 'StopLogging (cloudtrail)')!.record;
    const hostile = {
      ...stop,
      eventName: 'GetObject',
      eventSource: 's3.amazonaws.com',
      userAgent: '\u001b]8;;http://evil\u0007x',
    };
    await writeFile(
      join(dir, 'records.json'),
      JSON.stringify({ Records: [stop, hostile, { eventName: 'no time' }] }),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('proves the built-in filters on the built-in events as a table, with a summary on stderr', async () => {
    const io = capture(true);
    assert.equal(await runTestFilters(offline, [], { builtin: true }, io), 0);
    assert.match(io.stdout, /^EVENT\s+FILTERS MATCHED\s+RESULT$/m);
    assert.match(
      io.stdout,
      /^StopLogging refused \(AccessDenied\): two alarms\s+unauthorized-api-calls, cloudtrail-changes\s+ok$/m,
    );
    assert.doesNotMatch(io.stdout, /MISSED|NOISE/);
    assert.match(io.stderr, /filters: 15 \(built-in CIS filters\)/);
  });

  it('reads files, says which alarm each record raises, and exits 2 for rejected input', async () => {
    const io = capture();
    assert.equal(await runTestFilters(offline, [dir], { builtin: true, format: 'json' }, io), 2);
    const report = JSON.parse(io.stdout) as {
      events: { name: string; filters: string[] }[];
      rejections: { location: string }[];
    };
    assert.deepEqual(
      report.events.map((e) => e.filters),
      [['cloudtrail-changes'], []],
    );
    assert.equal(report.rejections.length, 1);
    assert.match(io.stderr, /events: 2, raised an alarm: 1, raised none: 1/);
    assert.doesNotMatch(io.stdout + io.stderr, /\u001b|\u0007/, 'no raw escape reaches the terminal');
  });

  it('without --builtin, an unreachable account is an error with a hint to use --builtin', async () => {
    await assert.rejects(
      runTestFilters(offline, [], { format: 'json' }, capture()),
      (error: Error & { hint?: string }) => {
        assert.match(error.message, /cannot read the account's metric filters/);
        assert.match(error.hint ?? '', /--builtin/);
        return true;
      },
    );
  });
});

describe('prepare command line', () => {
  function parse(args: string[]) {
    const program = new Command('garrison')
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerPrepare(program);
    for (const c of program.commands) for (const sub of c.commands) sub.exitOverride().action(() => {});
    return program.parseAsync(['node', 'garrison', ...args]);
  }

  it('refuses a --fail-under outside 0-100 and an unknown format', async () => {
    await assert.rejects(parse(['prepare', 'audit', '--fail-under', '101']), /whole number from 0 to 100/);
    await assert.rejects(parse(['prepare', 'audit', '--fail-under', 'ten']), /whole number from 0 to 100/);
    await assert.rejects(parse(['prepare', 'audit', '--format', 'xml']), /Allowed choices are table, json/);
    await parse(['prepare', 'audit', '--fail-under', '80', '--regions', 'us-east-1, eu-west-1']);
  });
});
