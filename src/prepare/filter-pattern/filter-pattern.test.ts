import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGarrisonError } from '../../errors.js';
import { compileFilterPattern, FilterPatternError } from './index.js';

const event = {
  eventName: 'ConsoleLogin',
  eventSource: 'signin.amazonaws.com',
  sourceIPAddress: '123.123.4.5',
  latency: 750,
  ratio: -0.5,
  secure: true,
  flagged: false,
  nothing: null,
  userIdentity: { type: 'IAMUser', userName: 'alice', tags: ['a', 'b'] },
  resources: [{ ARN: 'arn:aws:s3:::logs' }, { ARN: 'arn:aws:s3:::data' }],
  nested: { list: [[1, 2], [3]] },
};

function matches(pattern: string, e: unknown = event): boolean {
  return compileFilterPattern(pattern).matches(e);
}

function refusal(pattern: string): FilterPatternError {
  try {
    compileFilterPattern(pattern);
  } catch (error) {
    assert.ok(error instanceof FilterPatternError, `expected a FilterPatternError, got ${error}`);
    assert.ok(isGarrisonError(error));
    return error;
  }
  assert.fail(`pattern was accepted: ${pattern}`);
}

describe('JSON filter patterns: strings', () => {
  it('compares quoted and unquoted strings exactly and case-sensitively', () => {
    assert.equal(matches('{ $.eventName = "ConsoleLogin" }'), true);
    assert.equal(matches('{$.eventName=ConsoleLogin}'), true);
    assert.equal(matches('{ $.eventName = "consolelogin" }'), false);
    assert.equal(matches('{ $.eventName = "Console" }'), false);
    assert.equal(matches('{ $.eventSource = signin.amazonaws.com }'), true);
  });

  it('treats * as any run of characters, anywhere in the value', () => {
    assert.equal(matches('{ $.sourceIPAddress = 123.123.* }'), true);
    assert.equal(matches('{ $.sourceIPAddress != 123.123.* }'), false);
    assert.equal(matches('{ $.eventName = "*Login" }'), true);
    assert.equal(matches('{ $.eventName = "Con*Log*" }'), true);
    assert.equal(matches('{ $.eventName = "*Logout" }'), false);
    assert.equal(matches('{ $.eventName = "*" }'), true);
    assert.equal(matches('{ $.absent = "*" }'), false, '= "*" is how CDK writes "exists"');
  });

  it('!= is true only for a present scalar with another value; absent, null and objects match neither = nor !=', () => {
    assert.equal(matches('{ $.eventName != "GetObject" }'), true);
    assert.equal(matches('{ $.eventName != "ConsoleLogin" }'), false);
    assert.equal(matches('{ $.absent != "x" }'), false);
    assert.equal(matches('{ $.absent = "x" }'), false);
    assert.equal(matches('{ $.nothing != "x" }'), false);
    assert.equal(matches('{ $.userIdentity != "x" }'), false);
    assert.equal(matches('{ $.userIdentity.tags != "x" }'), false);
  });

  it('matches what AWS "Test pattern" answered for != on an absent field (DataBiosphere/azul#5884)', () => {
    const pattern =
      '{($.errorCode = "AccessDenied") && ($.userIdentity.invokedBy != "cloudfront.amazonaws.com")}';
    assert.equal(
      matches(pattern, { errorCode: 'AccessDenied', userIdentity: { accountId: 'anonymous' } }),
      false,
    );
    const viaS3 = { errorCode: 'AccessDenied', userIdentity: { invokedBy: 's3.amazonaws.com' } };
    assert.equal(matches(pattern, viaS3), true);
  });

  it('compares numbers and booleans by their JSON text when given a string', () => {
    assert.equal(matches('{ $.latency = "750" }'), true);
    assert.equal(matches('{ $.secure = "true" }'), true);
    assert.equal(matches('{ $.secure = "yes" }'), false);
  });

  it('reads escaped quotes and backslashes inside quoted values', () => {
    const hostile = { userAgent: 'x" || $.a = "b \\ c' };
    assert.equal(matches('{ $.userAgent = "x\\" || $.a = \\"b \\\\ c" }', hostile), true);
  });
});

describe('JSON filter patterns: numbers, booleans, null, existence', () => {
  it('compares numbers with = != < > <= >=, including negatives, decimals and exponents', () => {
    assert.equal(matches('{ $.latency > 500 }'), true);
    assert.equal(matches('{ $.latency >= 750 }'), true);
    assert.equal(matches('{ $.latency < 750 }'), false);
    assert.equal(matches('{ $.latency <= 7.5e2 }'), true);
    assert.equal(matches('{ $.latency = 750 }'), true);
    assert.equal(matches('{ $.latency != 750 }'), false);
    assert.equal(matches('{ $.ratio < -0.25 }'), true);
  });

  it('orders only JSON numbers: a numeric string or an absent field is false', () => {
    assert.equal(matches('{ $.latency > 1 }', { latency: '750' }), false);
    assert.equal(matches('{ $.latency > 1 }', {}), false);
    assert.equal(
      matches('{ $.latency = 750 }', { latency: '750' }),
      true,
      '= falls back to the written text',
    );
  });

  it('IS TRUE / IS FALSE / IS NULL need exactly that JSON value; NOT EXISTS only an absent property', () => {
    assert.equal(matches('{ $.secure IS TRUE }'), true);
    assert.equal(matches('{ $.secure IS FALSE }'), false);
    assert.equal(matches('{ $.flagged IS FALSE }'), true);
    assert.equal(matches('{ $.secure IS TRUE }', { secure: 'true' }), false);
    assert.equal(matches('{ $.nothing IS NULL }'), true);
    assert.equal(matches('{ $.absent IS NULL }'), false);
    assert.equal(matches('{ $.absent NOT EXISTS }'), true);
    assert.equal(matches('{ $.nothing NOT EXISTS }'), false);
    assert.equal(matches('{ $.userIdentity.invokedBy not exists }'), true, 'keywords are case-insensitive');
  });
});

describe('JSON filter patterns: selectors and logic', () => {
  it('follows nested properties and array indexes', () => {
    assert.equal(matches('{ $.userIdentity.type = IAMUser }'), true);
    assert.equal(matches('{ $.userIdentity.tags[1] = "b" }'), true);
    assert.equal(matches('{ $.userIdentity.tags[2] = "b" }'), false);
    assert.equal(matches('{ $.resources[0].ARN = "arn:aws:s3:::logs" }'), true);
    assert.equal(matches('{ $.nested.list[0][1] = 2 }'), true);
    assert.equal(matches('{ $.resources.ARN = "*" }'), false, 'a key on an array is absent');
  });

  it('does not read inherited properties of the record', () => {
    assert.equal(matches('{ $.constructor NOT EXISTS }', {}), true);
    assert.equal(matches('{ $.toString = "*" }', {}), false);
  });

  it('combines with && and ||, && binding tighter, parentheses grouping', () => {
    assert.equal(matches('{ $.eventName = X || $.latency > 1 && $.secure IS TRUE }'), true);
    assert.equal(matches('{ ($.eventName = X || $.latency > 1) && $.flagged IS TRUE }'), false);
    assert.equal(matches('{ $.eventName = X || ($.latency > 1 && $.flagged IS TRUE) }'), false);
    assert.equal(
      matches('{ (($.eventName = ConsoleLogin)) && ($.absent NOT EXISTS || $.latency < 0) }'),
      true,
    );
  });

  it('supports %regex% values with RE2 (linear time)', () => {
    assert.equal(matches('{ $.sourceIPAddress = %^123\\.123\\.[0-9]+\\.5$% }'), true);
    assert.equal(matches('{ $.eventName = %Logout% }'), false);
    const long = { userAgent: `${'a'.repeat(50_000)}!` };
    const started = performance.now();
    assert.equal(matches('{ $.userAgent = %^(a+)+$% }', long), false);
    assert.equal(matches('{ $.userAgent = %(a+)+!$% }', long), true);
    assert.ok(performance.now() - started < 2000, 'no catastrophic backtracking');
  });

  it('parses log messages given as text, and never matches one that is not JSON', () => {
    assert.equal(matches('{ $.eventName = ConsoleLogin }', JSON.stringify(event)), true);
    assert.equal(matches('{ $.eventName = ConsoleLogin }', 'eventName=ConsoleLogin'), false);
    assert.equal(matches('{ $.eventName NOT EXISTS }', 'not json at all'), false);
  });

  it('stays fast on a hostile wildcard and a long attacker-controlled value', () => {
    const hostile = { userAgent: 'a'.repeat(20_000) };
    const started = performance.now();
    assert.equal(matches('{ $.userAgent = "*a*a*a*a*a*a*a*a*a*a*b" }', hostile), false);
    assert.ok(performance.now() - started < 2000);
  });
});

describe('filter patterns that CloudWatch Logs would refuse', () => {
  const cases: [string, string, number][] = [
    ['{ $.eventName = "x" ', 'expected "}"', 20],
    ['{ $.eventName "x" }', 'expected an operator', 14],
    ['{ eventName = "x" }', 'expected a property selector', 2],
    ['{ $.eventName = "x }', 'unterminated quoted string', 16],
    ['{ $.a = 1 & $.b = 2 }', 'expected "&&"', 10],
    ['{ $.a = 1 | $.b = 2 }', 'expected "||"', 10],
    ['{ $.a > "big" }', 'compares numbers', 8],
    ['{ $.a IS MAYBE }', 'expected NULL, TRUE or FALSE', 9],
    ['{ $.a NOT THERE }', 'expected EXISTS', 10],
    ['{ $. = 1 }', 'expected a property name', 4],
    ['{ $.a[x] = 1 }', 'expected an array index', 5],
    ['{ $ = 1 }', 'expected a property after', 3],
    ['{ ($.a = 1 }', 'expected ")"', 11],
    ['{ $.a = 1 } trailing', 'unexpected text after', 12],
    ['{ $.a = }', 'expected a value', 8],
    ['{ $.a = %[% }', 'invalid regular expression', 8],
    ['{ $.a = %abc }', 'unterminated regular expression', 8],
    ['{ $.a ! 1 }', 'expected "!="', 6],
    ['[ip, user, status = ]', 'expected a value after "="', 20],
    ['ERROR ?WARN', 'cannot be combined', 0],
    ['"unterminated', 'unterminated quoted phrase', 0],
  ];
  for (const [pattern, message, position] of cases) {
    it(`refuses ${pattern} (${message})`, () => {
      const error = refusal(pattern);
      assert.match(error.message, new RegExp(message.replace(/[()[\]{}|&"$.?*+]/g, '\\$&')));
      assert.equal(error.position, position);
      assert.match(error.message, /at column \d+\n/);
    });
  }

  it('refuses patterns longer than CloudWatch Logs accepts, so hostile nesting cannot exhaust the stack', () => {
    const deep = `{ ${'('.repeat(5000)}$.a = 1${')'.repeat(5000)} }`;
    assert.match(refusal(deep).message, /longer than the 1024 characters/);
    const nested = `{ ${'('.repeat(400)}$.a = 1${')'.repeat(400)} }`;
    assert.equal(matches(nested, { a: 1 }), true);
  });

  it('points a caret at the position, and cuts very long patterns around it', () => {
    const error = refusal(`{ $.a = 1 && ${'$.b = 2 && '.repeat(30)}$.c ? 3 }`);
    const lines = error.message.split('\n');
    assert.equal(lines.length, 3);
    assert.ok((lines[1] as string).length <= 124);
    assert.equal((lines[1] as string)[(lines[2] as string).indexOf('^')], '?');
  });
});

describe('unstructured term patterns', () => {
  const line = '2026-11-27 ERROR [main] access denied for user=alice';
  it('requires every plain term and quoted phrase, case-sensitively', () => {
    assert.equal(matches('ERROR "access denied"', line), true);
    assert.equal(matches('ERROR "denied access"', line), false);
    assert.equal(matches('error', line), false);
  });
  it('?term matches any one; -term excludes', () => {
    assert.equal(matches('?WARN ?ERROR', line), true);
    assert.equal(matches('?WARN ?FATAL', line), false);
    assert.equal(matches('ERROR -alice', line), false);
    assert.equal(matches('ERROR -"user=bob"', line), true);
  });
  it('the empty pattern matches every event; terms search JSON events as text', () => {
    assert.equal(matches('', line), true);
    assert.equal(matches('  ', {}), true);
    assert.equal(matches('"ConsoleLogin"'), true);
    assert.equal(matches('Logout'), false);
  });
});
