import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLogFields } from './delimited.js';
import { compileFilterPattern, FilterPatternError } from './index.js';

const apache = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 404 1534';
const matches = (pattern: string, line = apache) => compileFilterPattern(pattern).matches(line);

describe('space-delimited filter patterns', () => {
  it('splits a line into fields, quoted and bracketed text being one field each', () => {
    assert.deepEqual(splitLogFields(apache), [
      '127.0.0.1',
      '-',
      'frank',
      '10/Oct/2000:13:25:15 -0700',
      'GET /apache_pb.gif HTTP/1.0',
      '404',
      '1534',
    ]);
    assert.deepEqual(splitLogFields('  a  "unterminated b'), ['a', '"unterminated', 'b']);
  });

  it('names every field, with conditions on some', () => {
    assert.equal(
      compileFilterPattern('[ip, user, username, timestamp, request, status_code, bytes]').kind,
      'delimited',
    );
    assert.equal(matches('[ip, user, username, timestamp, request, status_code, bytes]'), true);
    assert.equal(matches('[ip, user, username, timestamp, request, status_code = 404, bytes]'), true);
    assert.equal(matches('[ip, user, username, timestamp, request, status_code = 200, bytes]'), false);
    assert.equal(
      matches('[ip, user, username, timestamp, request = *gif*, status_code = 4*, bytes > 1000]'),
      true,
    );
    assert.equal(
      matches('[ip, user, username, timestamp, request = "GET /apache_pb.gif HTTP/1.0", status, bytes]'),
      true,
    );
    assert.equal(matches('[ip = 10.*, user, username, timestamp, request, status_code, bytes]'), false);
  });

  it('needs as many fields as the line has, unless ... absorbs the rest', () => {
    assert.equal(matches('[ip, user, username]'), false);
    assert.equal(matches('[ip, user, username, ...]'), true);
    assert.equal(matches('[..., status_code = 404, bytes]'), true);
    assert.equal(matches('[..., status_code = 404]'), false);
    assert.equal(matches('[ip, ..., status_code = 404, ..., bytes < 2000]'), true);
    assert.equal(matches('[ip, user, username, timestamp, request, status_code, bytes, extra]'), false);
  });

  it('combines conditions on a field with || and &&, numbers compared as numbers', () => {
    assert.equal(matches('[..., status_code = 4* || status_code = 5*, bytes]'), true);
    assert.equal(matches('[..., status_code = 5* || status_code = 200, bytes]'), false);
    assert.equal(matches('[..., status_code >= 400 && status_code != 404, bytes]'), false);
    assert.equal(matches('[..., status_code >= 400 && status_code < 500, bytes]'), true);
    assert.equal(matches('[..., bytes > 1e3]'), true);
    assert.equal(matches('[..., user = frank, ...]'), true);
    assert.equal(matches('[ip, user > 1, ...]'), false, 'a non-numeric field never satisfies < >');
  });

  it('handles a line with a huge number of fields without exhausting the stack', () => {
    const line = `${'x '.repeat(150_000)}END`;
    assert.equal(matches('[..., last = END]', line), true);
    assert.equal(matches('[first = y, ...]', line), false);
  });

  it('refuses malformed patterns with the position', () => {
    const cases: [string, RegExp][] = [
      ['[ip, , bytes]', /empty field/],
      ['[ip, status = 4* || other = 5*]', /must all name "status"/],
      ['[ip, bytes > big]', /compares numbers/],
      ['[ip, request = "GET]', /unterminated quoted value/],
      ['[ip, 9lives]', /expected a field name/],
      ['[ip, user] trailing', /expected "\]"/],
      ['[ip, user || user = x]', /bare field name cannot be combined/],
    ];
    for (const [pattern, message] of cases) {
      assert.throws(
        () => compileFilterPattern(pattern),
        (e: unknown) => e instanceof FilterPatternError && message.test(e.message),
        pattern,
      );
    }
  });
});
