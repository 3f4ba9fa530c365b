import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEmail, parseSeverity } from './prepare-apply.js';

describe('prepare apply flags', () => {
  it('takes a GuardDuty severity from 1 to 8.9', () => {
    assert.equal(parseSeverity('4'), 4);
    assert.equal(parseSeverity('7.5'), 7.5);
    for (const bad of ['0', '9', '-1', 'high', '4; rm -rf /', '', '1e1', 'NaN'])
      assert.throws(() => parseSeverity(bad), /--min-severity takes a GuardDuty severity/, bad);
  });

  it('takes one plain e-mail address, never a list, a URL or control characters', () => {
    assert.equal(parseEmail('soc+alerts@example.co.uk'), 'soc+alerts@example.co.uk');
    for (const bad of [
      'soc@example.com,attacker@evil.test',
      'soc@example.com\nattacker@evil.test',
      '\u001b]8;;http://evil\u0007soc@example.com',
      'https://evil.test/hook',
      'soc@localhost',
      `${'a'.repeat(250)}@example.com`,
      'soc @example.com',
    ])
      assert.throws(() => parseEmail(bad), /--email wants an e-mail address/, JSON.stringify(bad));
  });
});
