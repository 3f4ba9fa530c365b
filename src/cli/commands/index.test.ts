import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { COMMAND_NAMES, commandNamed, registerCommands } from './index.js';

describe('loading only the command a command line names', () => {
  it('finds the command after global options, their values skipped', () => {
    assert.equal(commandNamed(['events', 'samples']), 'events');
    assert.equal(commandNamed(['--region', 'eu-west-1', '--db', 'x.db', 'hunt', '-']), 'hunt');
    assert.equal(commandNamed(['--endpoint-url=http://127.0.0.1:5000', 'contain', 'ec2']), 'contain');
    assert.equal(commandNamed(['--profile', 'events', 'prepare']), 'prepare', 'a value is not a command');
    assert.equal(commandNamed(['events', '--help']), 'events');
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
      assert.equal(commandNamed(args), undefined, JSON.stringify(args));
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
