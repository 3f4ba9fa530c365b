import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containmentPlaybook, memoryWorld } from '../../../test/helpers/fake-playbook.js';
import { AwsClients } from '../../aws/clients.js';
import { CaseStore } from '../../cases/store.js';
import type { Playbook, Step } from '../step.js';
import { exitCodeFor, type RunEvent } from './outcome.js';
import { runPlaybook } from './run-playbook.js';

const clients = new AwsClients({ region: 'us-east-1' });
const target = { id: 'i-0abc', region: 'us-east-1', account: '111122223333' };

function fresh() {
  const store = CaseStore.open(':memory:');
  const kase = store.cases.create({ title: 'fake compromise' });
  return { store, caseId: kase.id };
}

function step(id: string, over: Partial<Step> = {}): Step {
  return {
    id,
    title: id,
    reads: [],
    iamActions: [],
    idempotent: true,
    dependsOn: [],
    plan: async () => ({ willChange: true, summary: `do ${id}` }),
    apply: async () => ({}),
    verify: async () => ({ ok: true, detail: 'ok' }),
    ...over,
  };
}

describe('runPlaybook', () => {
  it('plans without changing anything in a dry run', async () => {
    const world = memoryWorld();
    const result = await runPlaybook({ playbook: containmentPlaybook(world), target, clients });
    assert.equal(result.status, 'planned');
    assert.deepEqual(world.snapshot(), {});
    assert.ok(result.outcomes.every((o) => o.status === 'would-change'));
    assert.equal(exitCodeFor(result), 0);
  });

  it('applies in dependency order, journals every step, then a re-run changes nothing', async () => {
    const world = memoryWorld();
    const { store, caseId } = fresh();
    const events: RunEvent[] = [];
    const playbook = containmentPlaybook(world);
    const first = await runPlaybook({
      playbook,
      target,
      clients,
      store,
      caseId,
      apply: true,
      onEvent: (e) => events.push(e),
    });
    assert.equal(first.status, 'complete');
    assert.deepEqual(world.snapshot(), {
      protected: true,
      group: 'sg-isolation',
      groups: ['sg-isolation'],
      snapshots: [{ id: 'snap-1', case: caseId }],
      tag: `${caseId}:snap-1`,
    });
    const finished = events.filter((e) => e.type === 'step-finished').map((e) => e.outcome.stepId);
    assert.ok(finished.indexOf('isolation-group') < finished.indexOf('isolate'));
    assert.ok(finished.indexOf('isolate') < finished.indexOf('tag'));
    assert.equal(finished.at(-1), 'tag');
    const journal = store.journal.forCase(caseId);
    assert.deepEqual(
      journal.map((e) => e.status),
      ['verified', 'verified', 'verified', 'verified', 'verified'],
    );
    const isolate = journal.find((e) => e.stepId === 'isolate');
    assert.deepEqual(isolate?.before, { groups: [] });
    assert.deepEqual(isolate?.plan, { groups: ['sg-isolation'] });
    assert.deepEqual(isolate?.requestIds, ['req-isolate']);
    assert.equal(store.evidence.forCase(caseId).length, 1);
    assert.equal(store.cases.get(caseId).status, 'contained');

    const again = await runPlaybook({ playbook, target, clients, store, caseId, apply: true });
    assert.equal(again.alreadyDone, true);
    assert.equal(again.changed, false);
    assert.ok(again.outcomes.every((o) => o.status === 'done-earlier'));
    assert.equal(store.journal.forCase(caseId).length, 5, 'a re-run writes no new journal entries');
    assert.equal((world.get('snapshots') as unknown[]).length, 1, 'the snapshot is not taken twice');
  });

  it('plans nothing for idempotent steps whose state is already right', async () => {
    const world = memoryWorld({ protected: true, group: 'sg-old', groups: ['sg-old'] });
    const result = await runPlaybook({ playbook: containmentPlaybook(world), target, clients });
    const byId = Object.fromEntries(result.outcomes.map((o) => [o.stepId, o.status]));
    assert.deepEqual(byId, {
      protect: 'nothing-to-do',
      'isolation-group': 'nothing-to-do',
      isolate: 'nothing-to-do',
      snapshot: 'would-change',
      tag: 'would-change',
    });
  });

  it('re-plans and re-applies a done step whose state drifted', async () => {
    const world = memoryWorld();
    const { store, caseId } = fresh();
    const playbook = containmentPlaybook(world);
    await runPlaybook({ playbook, target, clients, store, caseId, apply: true });
    world.set('protected', false);
    const again = await runPlaybook({ playbook, target, clients, store, caseId, apply: true });
    assert.equal(again.outcomes.find((o) => o.stepId === 'protect')?.status, 'applied');
    assert.equal(world.get('protected'), true);
  });

  it('stops the dependants of a failed step and runs the others; exit status 1', async () => {
    const ran: string[] = [];
    const playbook: Playbook = {
      name: 'failing',
      title: 'failing',
      steps: [
        step('a', {
          apply: async () =>
            Promise.reject(Object.assign(new Error('AccessDenied'), { $metadata: { requestId: 'req-9' } })),
        }),
        step('b', {
          dependsOn: ['a'],
          apply: async () => {
            ran.push('b');
            return {};
          },
        }),
        step('c', {
          dependsOn: ['b'],
          apply: async () => {
            ran.push('c');
            return {};
          },
        }),
        step('d', {
          apply: async () => {
            ran.push('d');
            return {};
          },
        }),
      ],
    };
    const { store, caseId } = fresh();
    const result = await runPlaybook({ playbook, target, clients, store, caseId, apply: true });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['failed', 'blocked', 'blocked', 'applied'],
    );
    assert.deepEqual(ran, ['d']);
    assert.match(result.outcomes[1]?.detail ?? '', /step a failed/);
    const failed = store.journal.forCase(caseId).find((e) => e.stepId === 'a');
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.error, 'AccessDenied');
    assert.deepEqual(failed?.requestIds, ['req-9']);
    assert.equal(exitCodeFor(result), 1);
    assert.equal(store.cases.get(caseId).status, 'open', 'a failed run does not mark the case contained');
  });

  it('reports a step whose verify fails as unverified, never as success (exit status 2)', async () => {
    const playbook: Playbook = {
      name: 'liar',
      title: 'liar',
      steps: [
        step('a', { verify: async () => ({ ok: false, detail: 'still attached' }) }),
        step('b', { dependsOn: ['a'] }),
      ],
    };
    const { store, caseId } = fresh();
    const result = await runPlaybook({ playbook, target, clients, store, caseId, apply: true });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['unverified', 'applied'],
    );
    assert.equal(result.status, 'partial');
    assert.equal(exitCodeFor(result), 2);
    assert.equal(store.journal.forCase(caseId)[0]?.verifyOk, false);
    assert.equal(store.journal.forCase(caseId)[0]?.verifyDetail, 'still attached');
  });

  it('treats a verify that throws as unverified', async () => {
    const playbook: Playbook = {
      name: 'x',
      title: 'x',
      steps: [step('a', { verify: async () => Promise.reject(new Error('Throttling')) })],
    };
    const result = await runPlaybook({ playbook, target, clients, ...fresh(), apply: true });
    assert.equal(result.outcomes[0]?.status, 'unverified');
    assert.match(result.outcomes[0]?.detail ?? '', /Throttling/);
  });

  it('runs independent steps at once, never more than the bound', async () => {
    let now = 0;
    let most = 0;
    const slow = async () => {
      now++;
      most = Math.max(most, now);
      await new Promise((r) => setTimeout(r, 20));
      now--;
      return {};
    };
    const steps = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => step(id, { apply: slow }));
    const result = await runPlaybook({
      playbook: { name: 'wide', title: 'wide', steps },
      target,
      clients,
      ...fresh(),
      apply: true,
      concurrency: 3,
    });
    assert.equal(result.status, 'complete');
    assert.equal(most, 3, 'three steps ran at once, never four');
  });

  it('refuses to apply without a case, and refuses a closed case', async () => {
    const playbook = containmentPlaybook(memoryWorld());
    await assert.rejects(
      runPlaybook({ playbook, target, clients, apply: true }),
      /needs a case store and a case/,
    );
    const { store, caseId } = fresh();
    store.cases.close(caseId);
    await assert.rejects(runPlaybook({ playbook, target, clients, store, caseId, apply: true }), /is closed/);
  });

  it('keeps going when the observer throws', async () => {
    const result = await runPlaybook({
      playbook: containmentPlaybook(memoryWorld()),
      target,
      clients,
      onEvent: () => {
        throw new Error('broken terminal');
      },
    });
    assert.equal(result.status, 'planned');
  });

  it('passes notes from steps to the observer', async () => {
    const notes: string[] = [];
    const playbook: Playbook = {
      name: 'n',
      title: 'n',
      steps: [
        step('a', {
          plan: async (ctx) => {
            ctx.note('affects every holder of the role');
            return { willChange: false, summary: 'ok' };
          },
        }),
      ],
    };
    await runPlaybook({
      playbook,
      target,
      clients,
      onEvent: (e) => e.type === 'step-note' && notes.push(e.message),
    });
    assert.deepEqual(notes, ['affects every holder of the role']);
  });
});

describe('runPlaybook: failures before any change', () => {
  it('journals a plan that fails, with its error, and blocks dependants', async () => {
    const playbook: Playbook = {
      name: 'p',
      title: 'p',
      steps: [
        step('read-state', {
          plan: async () => Promise.reject(new Error('ExpiredToken: the security token expired')),
        }),
        step('change', { dependsOn: ['read-state'] }),
      ],
    };
    const { store, caseId } = fresh();
    const result = await runPlaybook({ playbook, target, clients, store, caseId, apply: true });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['failed', 'blocked'],
    );
    const [entry, ...rest] = store.journal.forCase(caseId);
    assert.equal(rest.length, 0);
    assert.equal(entry?.status, 'failed');
    assert.match(entry?.error ?? '', /ExpiredToken/);
  });

  it('rejects an invalid playbook before touching anything', async () => {
    const world = memoryWorld();
    const bad: Playbook = {
      name: 'bad',
      title: 'bad',
      steps: [step('a', { dependsOn: ['b'] }), step('b', { dependsOn: ['a'] })],
    };
    await assert.rejects(runPlaybook({ playbook: bad, target, clients }), /cycle/);
    assert.deepEqual(world.snapshot(), {});
  });

  it('stops starting steps once cancelled', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const playbook: Playbook = {
      name: 'c',
      title: 'c',
      steps: [
        step('first', {
          apply: async () => {
            ran.push('first');
            controller.abort();
            return {};
          },
        }),
        step('second', {
          dependsOn: ['first'],
          apply: async () => {
            ran.push('second');
            return {};
          },
        }),
      ],
    };
    const result = await runPlaybook({
      playbook,
      target,
      clients,
      ...fresh(),
      apply: true,
      signal: controller.signal,
    });
    assert.deepEqual(ran, ['first']);
    assert.equal(result.outcomes[1]?.status, 'blocked');
    assert.match(result.outcomes[1]?.detail ?? '', /cancelled/);
    assert.equal(exitCodeFor(result), 1);
  });
});

describe('runPlaybook: one applying run per target at a time', () => {
  it('refuses a second run on the same target while the first holds the lock, and frees it after', async () => {
    const { store, caseId } = fresh();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const playbook: Playbook = {
      name: 'slow',
      title: 'slow',
      steps: [
        step('wait', {
          apply: async () => {
            await gate;
            return {};
          },
        }),
      ],
    };
    const first = runPlaybook({ playbook, target, clients, store, caseId, apply: true });
    await new Promise((r) => setImmediate(r));
    await assert.rejects(
      runPlaybook({ playbook, target, clients, store, caseId, apply: true }),
      /already running/,
    );
    const other = await runPlaybook({
      playbook: { ...playbook, steps: [step('quick')] },
      target: { ...target, id: 'i-other' },
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(other.status, 'complete', 'another target is not blocked');
    release();
    assert.equal((await first).status, 'complete');
    assert.equal(store.locks.held(caseId, 'slow', target.id), undefined);
    assert.equal(
      (await runPlaybook({ playbook, target, clients, store, caseId, apply: true })).alreadyDone,
      true,
    );
  });

  it('takes over a lock left by a process that died', async () => {
    const { store, caseId } = fresh();
    store.db
      .prepare('INSERT INTO run_locks VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        caseId,
        'fake-ec2',
        target.id,
        'run-dead',
        (await import('node:os')).hostname(),
        2 ** 22 + 12345,
        '2026-01-01T00:00:00Z',
      );
    const result = await runPlaybook({
      playbook: containmentPlaybook(memoryWorld()),
      target,
      clients,
      store,
      caseId,
      apply: true,
    });
    assert.equal(result.status, 'complete');
  });
});
