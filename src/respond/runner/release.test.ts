import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containmentPlaybook, memoryWorld } from '../../../test/helpers/fake-playbook.js';
import { AwsClients } from '../../aws/clients.js';
import { CaseStore } from '../../cases/store.js';
import type { Playbook } from '../step.js';
import { exitCodeFor, type UndoOutcome } from './outcome.js';
import { release } from './release.js';
import { runPlaybook } from './run-playbook.js';

const clients = new AwsClients({ region: 'us-east-1' });
const target = { id: 'i-0abc', region: 'us-east-1' };

async function contained(initial = {}) {
  const world = memoryWorld({ groups: ['sg-web'], tag: 'owner=web', ...initial });
  const store = CaseStore.open(':memory:');
  const caseId = store.cases.create({ title: 'release test' }).id;
  const playbook = containmentPlaybook(world);
  const run = await runPlaybook({ playbook, target, clients, store, caseId, apply: true });
  assert.equal(run.status, 'complete');
  return { world, store, caseId, playbooks: [playbook] };
}

describe('release', () => {
  it('says what it would undo without changing anything', async () => {
    const { world, store, caseId, playbooks } = await contained();
    const before = world.snapshot();
    const result = await release({ store, caseId, playbooks, clients });
    assert.equal(result.status, 'planned');
    assert.deepEqual(world.snapshot(), before);
    const journalOrder = store.journal.forCase(caseId).map((e) => e.stepId);
    assert.deepEqual(
      result.outcomes.map((o) => o.stepId),
      [...journalOrder].reverse(),
      'newest change first',
    );
    const status = Object.fromEntries(result.outcomes.map((o) => [o.stepId, o.status]));
    assert.deepEqual(status, {
      tag: 'would-undo',
      snapshot: 'evidence-kept',
      isolate: 'would-undo',
      'isolation-group': 'irreversible',
      protect: 'would-undo',
    });
    assert.equal(store.journal.forCase(caseId).filter((e) => e.kind === 'undo').length, 0);
  });

  it('undoes in reverse order, journals each undo, keeps the evidence and marks the case recovered', async () => {
    const { world, store, caseId, playbooks } = await contained();
    const order: UndoOutcome[] = [];
    const result = await release({
      store,
      caseId,
      playbooks,
      clients,
      apply: true,
      onEvent: (e) => e.type === 'undo-finished' && order.push(e.outcome),
    });
    assert.equal(result.status, 'complete');
    assert.equal(exitCodeFor(result), 0);
    const ids = order.map((o) => o.stepId);
    assert.equal(ids[0], 'tag', 'the last step is undone first');
    assert.ok(
      ids.indexOf('isolate') < ids.indexOf('isolation-group'),
      'dependants before what they depend on',
    );
    assert.equal(ids.length, 5);
    assert.equal(world.get('protected'), false);
    assert.deepEqual(world.get('groups'), ['sg-web']);
    assert.equal(world.get('tag'), 'owner=web');
    assert.equal((world.get('snapshots') as unknown[]).length, 1, 'the snapshot is still there');
    assert.equal(store.evidence.forCase(caseId).length, 1);
    const undos = store.journal.forCase(caseId).filter((e) => e.kind === 'undo');
    assert.deepEqual(
      undos.map((e) => [e.stepId, e.status]),
      [
        ['tag', 'undone'],
        ['isolate', 'undone'],
        ['protect', 'undone'],
      ],
    );
    assert.ok(undos.every((e) => e.undoes !== null && store.journal.get(e.undoes).kind === 'apply'));
    assert.equal(store.cases.get(caseId).status, 'recovered');
    assert.ok(store.cases.get(caseId).recoveredAt);

    const again = await release({ store, caseId, playbooks, clients, apply: true });
    assert.ok(
      again.outcomes.every((o) => o.status !== 'undone'),
      'a second release undoes nothing',
    );
  });

  it('refuses to undo an evidence step even when asked for it by name', async () => {
    const { world, store, caseId, playbooks } = await contained();
    const result = await release({ store, caseId, playbooks, clients, apply: true, steps: ['snapshot'] });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['evidence-kept'],
    );
    assert.equal((world.get('snapshots') as unknown[]).length, 1);
    assert.throws(() => store.db.prepare('DELETE FROM evidence').run(), /append-only/);
  });

  it('undoes only the steps asked for, and rejects a step the case never ran', async () => {
    const { world, store, caseId, playbooks } = await contained();
    const result = await release({
      store,
      caseId,
      playbooks,
      clients,
      apply: true,
      steps: ['fake-ec2:isolate'],
    });
    assert.deepEqual(
      result.outcomes.map((o) => [o.stepId, o.status]),
      [['isolate', 'undone']],
    );
    assert.equal(world.get('protected'), true);
    assert.equal(
      store.cases.get(caseId).status,
      'contained',
      'a partial release does not mark the case recovered',
    );
    await assert.rejects(
      release({ store, caseId, playbooks, clients, steps: ['; DROP TABLE cases'] }),
      /no journaled step/,
    );
  });

  it('after a release, the playbook applies again', async () => {
    const { world, store, caseId, playbooks } = await contained();
    await release({ store, caseId, playbooks, clients, apply: true });
    const rerun = await runPlaybook({
      playbook: playbooks[0] as Playbook,
      target,
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(rerun.outcomes.find((o) => o.stepId === 'isolate')?.status, 'applied');
    assert.deepEqual(world.get('groups'), ['sg-isolation']);
    assert.equal(store.cases.get(caseId).status, 'contained');
  });

  it('reports an undo that fails (exit status 1) and steps this garrison does not know (exit status 2)', async () => {
    const { store, caseId, playbooks } = await contained();
    const broken: Playbook = {
      ...(playbooks[0] as Playbook),
      steps: (playbooks[0] as Playbook).steps.map((s) =>
        s.id === 'protect'
          ? { ...s, undo: async () => Promise.reject(new Error('UnauthorizedOperation')) }
          : s,
      ),
    };
    const failed = await release({
      store,
      caseId,
      playbooks: [broken],
      clients,
      apply: true,
      steps: ['protect'],
    });
    assert.equal(failed.outcomes[0]?.status, 'undo-failed');
    assert.equal(exitCodeFor(failed), 1);
    assert.equal(store.journal.forCase(caseId).at(-1)?.error, 'UnauthorizedOperation');
    const unknown = await release({ store, caseId, playbooks: [], clients, steps: ['isolate'] });
    assert.equal(unknown.outcomes[0]?.status, 'unknown-step');
    assert.equal(exitCodeFor(unknown), 2);
  });

  it('redoes an undo that a killed process left half done, marking the old entry interrupted', async () => {
    const { world, store, caseId, playbooks } = await contained();
    const isolate = store.journal.forCase(caseId).find((e) => e.stepId === 'isolate');
    const stale = store.journal.start({
      caseId,
      runId: 'release-dead',
      kind: 'undo',
      undoes: isolate?.id,
      playbook: 'fake-ec2',
      stepId: 'isolate',
      target: target.id,
      summary: 'undo',
      actor: { localUser: 'alice' },
    });
    const result = await release({ store, caseId, playbooks, clients, apply: true, steps: ['isolate'] });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['undone'],
    );
    assert.equal(store.journal.get(stale).status, 'interrupted');
    assert.deepEqual(world.get('groups'), ['sg-web']);
  });

  it('refuses a second applying release of the same case while one runs', async () => {
    const { store, caseId, playbooks } = await contained();
    store.locks.acquire({ caseId, playbook: 'release', target: caseId, runId: 'release-other' });
    await assert.rejects(release({ store, caseId, playbooks, clients, apply: true }), /already running/);
    const dry = await release({ store, caseId, playbooks, clients });
    assert.equal(dry.status, 'planned', 'a dry run needs no lock');
  });
});
