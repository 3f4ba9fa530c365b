import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudTrailRecord } from '../trail/record.js';
import { followCredentials } from './chain.js';
import { issuedCredentials } from './credentials.js';
import {
  ALICE_KEY,
  ATTACKER_IP,
  BACKDOOR_KEY,
  BOB_SESSION_KEY,
  ROLE_KEY,
  scenario,
  TOKEN_KEY,
} from './scenario.test-data.js';

describe('following credential chains', () => {
  it('follows key → AssumeRole → CreateUser/CreateAccessKey → GetSessionToken, hop by hop', () => {
    const chain = followCredentials(scenario(), { accessKeys: [ALICE_KEY] });
    assert.deepEqual(chain.seedKeys, [ALICE_KEY]);
    assert.deepEqual(
      chain.links.map((l) => [l.eventName, l.accessKeyId, l.issuerKey, l.depth]),
      [
        ['AssumeRole', ROLE_KEY, ALICE_KEY, 1],
        ['CreateAccessKey', BACKDOOR_KEY, ROLE_KEY, 2],
        ['GetSessionToken', TOKEN_KEY, BACKDOOR_KEY, 3],
      ],
    );
    assert.deepEqual(chain.links[0]?.subject, 'arn:aws:sts::111122223333:assumed-role/admin/pwn');
    assert.deepEqual(chain.links[1]?.subject, 'backdoor');
    assert.deepEqual(chain.users, ['backdoor']);
    assert.ok(!chain.keys.includes(BOB_SESSION_KEY), "bob's unrelated session stays out");
  });

  it('starting mid-chain finds the upstream issuance and only the downstream hops', () => {
    const chain = followCredentials(scenario(), { accessKeys: [BACKDOOR_KEY] });
    assert.deepEqual(
      chain.origins.map((o) => [o.eventName, o.issuerKey]),
      [['CreateAccessKey', ROLE_KEY]],
    );
    assert.deepEqual(
      chain.links.map((l) => l.accessKeyId),
      [TOKEN_KEY],
    );
    assert.ok(!chain.keys.includes(ALICE_KEY));
  });

  it('an IP seed starts from the keys used from it', () => {
    const chain = followCredentials(scenario(), { ips: [ATTACKER_IP] });
    assert.deepEqual(chain.seedKeys.sort(), [ALICE_KEY, ROLE_KEY].sort());
    assert.ok(chain.keys.includes(TOKEN_KEY));
    assert.ok(!chain.keys.includes(BOB_SESSION_KEY));
  });

  it('a principal seed follows what the principal issued', () => {
    const chain = followCredentials(scenario(), { principals: ['arn:aws:iam::111122223333:user/alice'] });
    assert.ok(chain.keys.includes(ROLE_KEY) && chain.keys.includes(BACKDOOR_KEY));
  });

  it('failed, malformed or hostile issuance responses add nothing and never throw', () => {
    const base = scenario()[1] as CloudTrailRecord;
    const variants: CloudTrailRecord[] = [
      { ...base, errorCode: 'AccessDenied' },
      { ...base, responseElements: null },
      { ...base, responseElements: { credentials: 'AKIA' } },
      { ...base, responseElements: { credentials: { accessKeyId: 42 } } },
      { ...base, responseElements: { credentials: [] } },
    ];
    for (const v of variants) assert.equal(issuedCredentials(v), undefined);
    const chain = followCredentials(variants, { accessKeys: [ALICE_KEY] });
    assert.deepEqual(chain.links, []);
  });

  it('a cycle of issuance (a session re-issuing a key it came from) terminates', () => {
    const records = scenario();
    const loop = {
      ...(records[3] as CloudTrailRecord),
      userIdentity: { type: 'IAMUser', accessKeyId: TOKEN_KEY },
      responseElements: { accessKey: { accessKeyId: ALICE_KEY } },
    } as CloudTrailRecord;
    const chain = followCredentials([...records, loop], { accessKeys: [ALICE_KEY] });
    assert.equal(chain.links.length, 3);
  });

  it('follows GetFederationToken and a web-identity role session (no key of its own) chained into AssumeRole', () => {
    const base = scenario()[1] as CloudTrailRecord;
    const federation = {
      ...base,
      eventName: 'GetFederationToken',
      eventTime: '2026-11-19T11:00:00Z',
      userIdentity: { type: 'IAMUser', userName: 'alice', accessKeyId: ALICE_KEY },
      responseElements: {
        credentials: { accessKeyId: 'ASIAFEDERATEDEXAMPLE' },
        federatedUser: { arn: 'arn:aws:sts::111122223333:federated-user/ops' },
      },
    } as CloudTrailRecord;
    const webIdentity = {
      ...base,
      eventName: 'AssumeRoleWithWebIdentity',
      eventTime: '2026-11-19T11:10:00Z',
      userIdentity: {
        type: 'WebIdentityUser',
        userName: 'repo:org/app:ref:refs/heads/main',
        principalId: 'token.actions.githubusercontent.com:sts.amazonaws.com:repo:org/app',
      },
      responseElements: {
        credentials: { accessKeyId: 'ASIAWEBIDENTEXAMPLE1' },
        assumedRoleUser: { arn: 'arn:aws:sts::111122223333:assumed-role/deploy/gh' },
      },
    } as CloudTrailRecord;
    const hop = {
      ...base,
      eventTime: '2026-11-19T11:20:00Z',
      userIdentity: { type: 'AssumedRole', accessKeyId: 'ASIAWEBIDENTEXAMPLE1' },
      responseElements: { credentials: { accessKeyId: 'ASIASECONDHOPEXAMPLE' } },
    } as CloudTrailRecord;
    const byKey = followCredentials([federation], { accessKeys: [ALICE_KEY] });
    assert.deepEqual(
      byKey.links.map((l) => [l.eventName, l.accessKeyId, l.subject]),
      [['GetFederationToken', 'ASIAFEDERATEDEXAMPLE', 'arn:aws:sts::111122223333:federated-user/ops']],
    );
    const byPrincipal = followCredentials([webIdentity, hop], {
      principals: ['repo:org/app:ref:refs/heads/main'],
    });
    assert.deepEqual(
      byPrincipal.links.map((l) => [l.eventName, l.accessKeyId, l.depth]),
      [
        ['AssumeRoleWithWebIdentity', 'ASIAWEBIDENTEXAMPLE1', 1],
        ['AssumeRole', 'ASIASECONDHOPEXAMPLE', 2],
      ],
    );
  });
});
