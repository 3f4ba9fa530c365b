import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers/run-cli.js';

describe('garrison piped into a reader that goes away (| head)', () => {
  for (const args of [
    ['--help'],
    ['hunt', '--help'],
    ['hunt', 'samples/', '--format', 'ndjson'],
    ['events', 'samples/'],
  ])
    it(`ends quietly: garrison ${args.join(' ')}`, async () => {
      const result = await runCli(args, { readerGone: true });
      assert.doesNotMatch(result.stderr, /EPIPE|Unhandled|at .*\.js:\d+/);
      assert.equal(result.status, 0, result.stderr);
    });
});
