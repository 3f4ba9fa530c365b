import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RE2JS } from 're2js';
import { compileFieldCondition } from './field-condition.js';
import { requiredLiterals } from './regex-literals.js';

describe('requiredLiterals', () => {
  it('reads a group of plain alternatives as texts one of which a match contains', () => {
    assert.deepEqual(requiredLiterals('(^|[^a-z])(kali|parrot|pentoo)([^a-z]|$)'), [
      'kali',
      'parrot',
      'pentoo',
    ]);
    assert.deepEqual(requiredLiterals('(?:kali|parrot)+ linux'), [' linux']);
    assert.deepEqual(requiredLiterals('(?:kalixyz|parrots)+ lin'), ['kalixyz', 'parrots']);
    assert.deepEqual(requiredLiterals('([)]x|y)(abc|def)'), ['abc', 'def']);
    assert.deepEqual(requiredLiterals('kali|parrot'), ['kali', 'parrot']);
    assert.deepEqual(requiredLiterals('^aws-cli/.*'), ['aws-cli/']);
    assert.deepEqual(requiredLiterals('x[]a]yz(abc|def)'), ['abc', 'def']);
    // A POSIX class inside a class: its first ']' does not close the class, so no literal is taken from it.
    assert.equal(requiredLiterals('[[:alpha:]]abc')?.includes(']abc') ?? false, false);
    assert.equal(requiredLiterals('x[[:space:]]]yz')?.some((t) => t.includes(']')) ?? false, false);
  });

  it('says nothing when a branch, a group or the whole pattern need no text', () => {
    for (const pattern of [
      '(kali|parrot)?',
      '(kali|parrot)*x',
      '(kali|parrot){0,2}',
      '(kali|)',
      '(ka.i|parrot)',
      'kali|p',
      '(?i)kali',
      '(?i:kali|parrot)',
      '((kali))',
      '([)]kali|parrot)',
      '\\bkali\\b|parrot',
      '(kali',
      '[kali',
      'ab',
    ])
      assert.equal(requiredLiterals(pattern), undefined, pattern);
  });

  it('never rules out a text the regular expression matches', () => {
    const patterns = [
      '(^|[^a-z])(kali|parrot|pentoo)([^a-z]|$)',
      'abc(de|fgh)+',
      '(xyz|wvu)q*r',
      'ab?cde|fgh[ij]klm',
      '(?:one|two)three',
      '^Boto3/1\\.',
      'a{2}bcd',
      '(kali|parrot)?xyz',
      '(one|two)*three',
    ];
    const alphabet = [
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h',
      'kali',
      'parrot',
      'pentoo',
      'one',
      'two',
      'three',
      'xyz',
      'q',
      'r',
      ' ',
      '-',
      'Boto3/1.',
      'de',
      'fgh',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    let matched = 0;
    for (const pattern of patterns) {
      const re = RE2JS.compile(pattern);
      const texts = requiredLiterals(pattern);
      for (let n = 0; n < 3000; n++) {
        let text = '';
        const parts = 1 + (next() % 6);
        for (let p = 0; p < parts; p++) text += alphabet[next() % alphabet.length];
        if (!re.test(text)) continue;
        matched++;
        if (texts)
          assert.ok(
            texts.some((t) => text.includes(t)),
            `${pattern} matches ${text}`,
          );
      }
    }
    assert.ok(matched > 200, `only ${matched} matching texts tried`);
  });
});

describe('re conditions with a group of alternatives', () => {
  const userAgent = (text: string) => ({ userAgent: text });

  it('match as the regular expression does, case-insensitive folding included', () => {
    const condition = compileFieldCondition('userAgent|re|i', '(^|[^a-z])(kali|parrot|pentoo)([^a-z]|$)');
    assert.equal(condition.test(userAgent('aws-cli/2 Kali Linux')), true);
    assert.equal(condition.test(userAgent('PARROT/5')), true);
    assert.equal(condition.test(userAgent('\u212aali linux')), true, 'the Kelvin sign folds to k');
    assert.equal(condition.test(userAgent('kalium')), false);
    assert.equal(condition.test(userAgent('aws-cli/2 ubuntu')), false);
    assert.equal(condition.peekTest?.(['ubuntu', 'pentoo']), true);
    assert.equal(condition.peekTest?.(['ubuntu']), false);
  });

  it('stay case-sensitive without the i flag', () => {
    const condition = compileFieldCondition('userAgent|re', '(kali|parrot) linux');
    assert.equal(condition.test(userAgent('kali linux')), true);
    assert.equal(condition.test(userAgent('Kali linux')), false);
  });

  it('leave texts in other scripts to the regular expression when case-insensitive', () => {
    const condition = compileFieldCondition('userAgent|re|i', '(σigma|ßeta)x');
    assert.equal(condition.test(userAgent('ΣIGMAX')), true);
    assert.equal(condition.test(userAgent('ςigmax')), true, 'final sigma folds with sigma in RE2');
  });
});
