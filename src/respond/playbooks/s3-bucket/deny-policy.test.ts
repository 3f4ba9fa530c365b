import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBucketName } from './bucket-access.js';
import { DENY_SID, denyExceptions, principalArnOf, withDenyAllExcept } from './deny-policy.js';

const responder = 'arn:aws:iam::111122223333:role/ir-responder';

describe('the deny-all-except-responders bucket policy', () => {
  it('adds one deny statement, keeps the owner statements, and replaces itself on a second call', () => {
    const owner = JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Sid: 'Cdn',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
      },
    });
    const once = withDenyAllExcept(owner, 'b', [responder]);
    const twice = withDenyAllExcept(once, 'b', [responder, 'arn:aws:iam::111122223333:user/alice']);
    const doc = JSON.parse(twice);
    assert.deepEqual(
      doc.Statement.map((s: { Sid: string }) => s.Sid),
      ['Cdn', DENY_SID],
    );
    assert.deepEqual(doc.Statement[1].Resource, ['arn:aws:s3:::b', 'arn:aws:s3:::b/*']);
    assert.deepEqual(
      denyExceptions(twice),
      ['arn:aws:iam::111122223333:role/ir-responder', 'arn:aws:iam::111122223333:user/alice'].sort(),
    );
    assert.equal(denyExceptions(owner), undefined);
    assert.equal(denyExceptions(null), undefined);
    assert.equal(JSON.parse(withDenyAllExcept(null, 'b', [responder])).Statement.length, 1);
  });

  it('turns an assumed-role session into its role and refuses what is not a principal ARN', () => {
    assert.equal(principalArnOf('arn:aws:sts::111122223333:assumed-role/ir-responder/jane'), responder);
    assert.equal(principalArnOf(responder), responder);
    for (const bad of [
      '*',
      'arn:aws:iam::1:role/x',
      'arn:aws:iam::111122223333:role/x" }, {"Effect":"Allow',
      'role/ir\u001b[0m',
    ])
      assert.throws(() => principalArnOf(bad), /not an IAM principal ARN/);
  });

  it('refuses a bucket policy that is not JSON rather than overwriting it', () => {
    assert.throws(() => withDenyAllExcept('{not json', 'b', [responder]), /not JSON/);
  });

  it('accepts bucket names only', () => {
    assert.equal(checkBucketName('leaky-bucket.logs'), 'leaky-bucket.logs');
    for (const bad of ['', 'A', 'UPPER', 'a..b', 'bucket/../etc', 'x'.repeat(64), 'b\u0000c'])
      assert.throws(() => checkBucketName(bad));
  });
});
