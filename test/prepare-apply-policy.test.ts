import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CaseStore } from '../src/cases/store.js';
import { preparePolicy } from '../src/prepare/apply/policy.js';
import { prepareAccount } from '../src/prepare/apply/run.js';
import { userHolding } from './helpers/least-privilege.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

describe('garrison policy prepare is enough for prepare apply', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  after(() => moto.emulator.enforceIam(false).catch(() => undefined));

  it('plans and applies a bare account holding only the derived policy', async () => {
    const admin = moto.clients();
    const derived = preparePolicy();
    assert.ok(
      !derived.Statement.flatMap((s) => s.Action).some((a) => /Delete|Detach|Remove|StopLogging/.test(a)),
      'the policy deletes nothing',
    );
    const acting = await userHolding(admin, moto.endpoint, 'preparer', derived);
    await moto.emulator.enforceIam(true);
    const store = CaseStore.open(':memory:');
    try {
      const caseId = store.cases.create({ title: 'prepare' }).id;
      const { run } = await prepareAccount(acting, {
        regions: ['us-east-1', 'eu-west-1'],
        email: 'soc@example.com',
        apply: true,
        store,
        caseId,
      });
      const problems = run.outcomes
        .filter((o) => o.status !== 'applied')
        .map((o) => `${o.stepId}: ${o.status} ${o.detail}`);
      assert.deepEqual(problems, []);
      assert.equal(run.status, 'complete');
    } finally {
      store.close();
      await moto.emulator.enforceIam(false);
    }
  });
});
