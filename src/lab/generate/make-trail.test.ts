import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGarrisonError } from '../../errors.js';
import { parseSize, trailOptionsFromArgs } from './make-trail.js';

describe('make-trail command line', () => {
  it('reads sizes in decimal units', () => {
    assert.equal(parseSize('1GB'), 1e9);
    assert.equal(parseSize('500MB'), 5e8);
    assert.equal(parseSize('1.5 gb'), 1.5e9);
    assert.equal(parseSize('2000'), 2000);
    assert.equal(parseSize('3k'), 3000);
    for (const bad of ['', 'lots', '1XB', '-5MB', '1e9'])
      assert.throws(() => parseSize(bad), isGarrisonError, bad);
  });

  it('turns flags into generator options', () => {
    const options = trailOptionsFromArgs([
      '--out',
      '/tmp/x',
      '--size',
      '1GB',
      '--attack',
      '--regions',
      'eu-west-1, us-east-1',
      '--workers',
      '1',
    ]);
    assert.equal(options.outDir, '/tmp/x');
    assert.equal(options.targetBytes, 1e9);
    assert.deepEqual(options.regions, ['eu-west-1', 'us-east-1']);
    assert.deepEqual(options.recordsPerFile, [100, 2000]);
    assert.equal(options.workers, 1);
    assert.equal(options.attack?.region, 'eu-west-1');
    const byTime = trailOptionsFromArgs(['--out', 'x', '--hours', '24', '--start', '2026-01-01T00:00:00Z']);
    assert.equal(byTime.end, Date.parse('2026-01-02T00:00:00Z'));
    assert.equal(byTime.targetBytes, undefined);
  });

  it('refuses what it cannot do, as a usage error', () => {
    const refused = (args: string[]) =>
      assert.throws(
        () => trailOptionsFromArgs(args),
        (e: unknown) =>
          isGarrisonError(e) || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
      );
    refused(['--size', '1GB']);
    refused(['--out', 'x']);
    refused(['--out', 'x', '--size', '1GB', '--hours', '2']);
    refused(['--out', 'x', '--size', '1GB', '--records-per-file', 'many']);
    refused(['--out', 'x', '--size', '1GB', '--bogus']);
  });
});
