import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { globalProgram } from '../main.js';
import { COMMAND_NAMES, commandNamed, registerCommands, valuedOptions } from './index.js';

/** The global options that take a value, as the real program declares them. */
const VALUED = valuedOptions(globalProgram());

describe('loading only the command a command line names', () => {
  it('finds the command after global options, their values skipped', () => {
    assert.deepEqual([...VALUED].sort(), [
      '--db',
      '--endpoint-url',
      '--external-id',
      '--profile',
      '--region',
      '--role-arn',
    ]);
    assert.equal(commandNamed(['events', 'samples'], VALUED), 'events');
    assert.equal(commandNamed(['--region', 'eu-west-1', '--db', 'x.db', 'hunt', '-'], VALUED), 'hunt');
    assert.equal(commandNamed(['--endpoint-url=http://127.0.0.1:5000', 'contain', 'ec2'], VALUED), 'contain');
    assert.equal(
      commandNamed(['--profile', 'events', 'prepare'], VALUED),
      'prepare',
      'a value is not a command',
    );
    assert.equal(commandNamed(['events', '--help'], VALUED), 'events');
  });

  it('names none for help, a typo, nothing, or a name that is no command', () => {
    for (const args of [
      [],
      ['--help'],
      ['help', 'events'],
      ['evnets'],
      ['--', 'events'],
      ['constructor'],
      ['__proto__'],
    ])
      assert.equal(commandNamed(args, VALUED), undefined, JSON.stringify(args));
  });

  it('registers exactly the named command, or all of them in help order', async () => {
    for (const name of COMMAND_NAMES) {
      const program = new Command('garrison');
      await registerCommands(program, [name]);
      assert.deepEqual(
        program.commands.map((c) => c.name()),
        [name],
        `${name} is the one command its module registers`,
      );
    }
    const all = new Command('garrison');
    await registerCommands(all, ['--help']);
    assert.deepEqual(
      all.commands.map((c) => c.name()),
      COMMAND_NAMES,
    );
    assert.equal(COMMAND_NAMES.length, 15);
  });
});
