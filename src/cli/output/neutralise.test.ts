import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, csvRow, forTerminal, safeJson } from './neutralise.js';

describe('forTerminal', () => {
  it('shows ANSI and OSC escape sequences as text instead of passing them to the terminal', () => {
    const hostile = 'aws-cli\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007\u001b[2J\u009b31m';
    const out = forTerminal(hostile);
    assert.equal(out, 'aws-cli\\x1b]8;;http://evil.example/\\x07click\\x1b]8;;\\x07\\x1b[2J\\x9b31m');
    assert.doesNotMatch(out, /[\u0000-\u001f\u007f-\u009f]/);
  });

  it('escapes CR, LF, tab, DEL and bidi overrides (Trojan Source)', () => {
    assert.equal(forTerminal('a\rb\nc\td\u007f'), 'a\\x0db\\x0ac\\x09d\\x7f');
    assert.equal(forTerminal('admin\u202egpj.exe\u2066x\u2069'), 'admin\\u202egpj.exe\\u2066x\\u2069');
    assert.equal(forTerminal('line\u2028sep'), 'line\\u2028sep');
  });

  it('leaves ordinary text, including non-Latin scripts and emoji, alone', () => {
    const text = 'arn:aws:iam::123456789012:user/Zoë-管理者 🙂 [1] 10.0.0.1';
    assert.equal(forTerminal(text), text);
  });
});

describe('safeJson', () => {
  it('escapes C1 controls and bidi overrides yet parses back to the same value', () => {
    const value = { userAgent: 'x\u009b2J\u202ey\u001b[0m', n: 1 };
    const text = safeJson(value);
    assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});

describe('csvCell', () => {
  it('defuses formulas: = + - @ tab CR and full-width =', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
    assert.equal(csvCell('+1+cmd|/C calc!A0'), "'+1+cmd|/C calc!A0");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\t=1'), '\\x09=1');
    assert.equal(csvCell(' =1'), ' =1');
    assert.equal(csvCell('\uff1d1+1'), "'\uff1d1+1");
  });

  it('quotes commas, quotes and newlines as RFC 4180 says', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), 'two\\x0alines');
    assert.equal(csvCell('ua\u001b[2J'), 'ua\\x1b[2J');
    assert.equal(csvCell('plain'), 'plain');
  });

  it('writes empty for missing values and JSON for objects', () => {
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(false), 'false');
    assert.equal(csvCell({ bucketName: 'b' }), '"{""bucketName"":""b""}"');
    assert.equal(csvRow(['a', '=b', 3]), "a,'=b,3\r\n");
  });
});
