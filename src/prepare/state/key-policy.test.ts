import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloudTrailKeyPolicy } from '../apply/trail-key-policy.js';
import { cloudTrailKeyPolicyProblems } from './key-policy.js';

const ACCOUNT = '111122223333';
const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/garrison`;
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const encrypt = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action: 'kms:GenerateDataKey*',
  Resource: '*',
  ...extra,
});
const describeKey = { ...encrypt(), Action: 'kms:DescribeKey' };

describe('KMS key policy: may CloudTrail encrypt this trail?', () => {
  it("accepts the policy garrison writes (AWS's documented statements) for its trail", () => {
    const policy = JSON.stringify(cloudTrailKeyPolicy('aws', ACCOUNT, TRAIL));
    assert.deepEqual(cloudTrailKeyPolicyProblems(policy, TRAIL), []);
  });

  it("refuses garrison's policy for another trail (aws:SourceArn) or another account (encryption context)", () => {
    const policy = JSON.stringify(cloudTrailKeyPolicy('aws', ACCOUNT, TRAIL));
    const other = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/other`;
    assert.match(cloudTrailKeyPolicyProblems(policy, other).join(), /kms:GenerateDataKey for trail .*other/);
    const foreign = 'arn:aws:cloudtrail:us-east-1:999999999999:trail/garrison';
    assert.equal(cloudTrailKeyPolicyProblems(policy, foreign).length, 2);
  });

  it('a policy that only lets the account administer the key lacks both CloudTrail grants', () => {
    const root = {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    };
    const problems = cloudTrailKeyPolicyProblems(doc(root), TRAIL);
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /no statement allows cloudtrail.amazonaws.com kms:GenerateDataKey/);
    assert.match(problems[1] ?? '', /kms:DescribeKey/);
  });

  it('reads wildcards in actions (kms:*, kms:Generate*) and single statements (not in a list)', () => {
    const all = { ...encrypt(), Action: 'kms:*' };
    assert.deepEqual(cloudTrailKeyPolicyProblems(JSON.stringify({ Statement: all }), TRAIL), []);
    const generateOnly = { ...encrypt(), Action: 'KMS:Generate*' };
    assert.deepEqual(cloudTrailKeyPolicyProblems(doc(generateOnly, describeKey), TRAIL), []);
    assert.equal(cloudTrailKeyPolicyProblems(doc(encrypt()), TRAIL).length, 1, 'DescribeKey missing');
  });

  it('a Deny naming CloudTrail wins over the Allow, and is named', () => {
    const deny = { ...encrypt(), Sid: 'NoCloudTrail', Effect: 'Deny' };
    const problems = cloudTrailKeyPolicyProblems(doc(encrypt(), describeKey, deny), TRAIL);
    assert.deepEqual(problems, [
      'statement "NoCloudTrail" denies cloudtrail.amazonaws.com kms:GenerateDataKey',
    ]);
  });

  it('a condition it cannot evaluate does not count as a grant; IfExists on an absent key does', () => {
    const unknown = encrypt({
      Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
    });
    assert.equal(cloudTrailKeyPolicyProblems(doc(unknown, describeKey), TRAIL).length, 1);
    const ifExists = encrypt({ Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } });
    assert.deepEqual(cloudTrailKeyPolicyProblems(doc(ifExists, describeKey), TRAIL), []);
  });

  it('a principal other than CloudTrail, or NotPrincipal, grants CloudTrail nothing', () => {
    const lambda = encrypt({ Principal: { Service: 'lambda.amazonaws.com' } });
    const notPrincipal = { ...encrypt(), Principal: undefined, NotPrincipal: { AWS: 'x' } };
    assert.equal(cloudTrailKeyPolicyProblems(doc(lambda, notPrincipal, describeKey), TRAIL).length, 1);
  });

  it('hostile or malformed policies are reported, never thrown', () => {
    assert.deepEqual(cloudTrailKeyPolicyProblems('{not json', TRAIL), ['the key policy is not valid JSON']);
    assert.deepEqual(cloudTrailKeyPolicyProblems(undefined, TRAIL), ['the key policy could not be read']);
    assert.equal(cloudTrailKeyPolicyProblems('null', TRAIL).length, 2);
    assert.equal(cloudTrailKeyPolicyProblems(doc(null, 7, 'x', { Effect: 'Allow' }), TRAIL).length, 2);
    // A regex-looking pattern in a condition is matched literally, not as a regular expression.
    const regexy = encrypt({ Condition: { StringLike: { 'aws:SourceArn': '.*(a+)+$' } } });
    assert.equal(cloudTrailKeyPolicyProblems(doc(regexy, describeKey), TRAIL).length, 1);
    const longSid = { ...encrypt(), Effect: 'Deny', Sid: `\u001b[31m${'x'.repeat(500)}` };
    const [problem] = cloudTrailKeyPolicyProblems(doc(encrypt(), describeKey, longSid), TRAIL);
    assert.ok((problem?.length ?? 0) < 200, 'a hostile Sid is cut short');
    assert.doesNotMatch(problem ?? '', /\p{Cc}/u, 'and loses its terminal escapes');
  });
});
