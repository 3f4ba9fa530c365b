import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CaseStore } from '../src/cases/store.js';
import type { RunResult, StepOutcome } from '../src/respond/runner/outcome.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'crash-run.js');
const dir = mkdtempSync(join(tmpdir(), 'garrison-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  result?: RunResult;
}

/** Runs the playbook in a child; at the freeze point the child blocks and the test SIGKILLs it. */
function runChild(db: string, world: string, caseId: string, freezeAt: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture, db, world, caseId, freezeAt], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child never reached ${freezeAt}: ${err}`));
    }, 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('FROZEN\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 && signal !== 'SIGKILL') process.stderr.write(err);
      resolve({ code, signal, ...(last.startsWith('{') ? { result: JSON.parse(last) as RunResult } : {}) });
    });
  });
}

function scenario(name: string): { db: string; world: string; caseId: string } {
  const db = join(dir, `${name}.db`);
  const store = CaseStore.open(db);
  const caseId = store.cases.create({ title: `crash ${name}` }).id;
  store.close();
  return { db, world: join(dir, `${name}.json`), caseId };
}

/** The world with the case id replaced, so runs in different cases compare. */
function worldOf(path: string, caseId: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8').replaceAll(caseId, 'CASE'));
}

const STEPS = ['protect', 'isolation-group', 'isolate', 'snapshot', 'tag'];

describe('the runner survives being killed (SIGKILL) at every point of a playbook', () => {
  const reference = scenario('reference');
  let expected: unknown;

  it('runs uninterrupted for reference', async () => {
    const run = await runChild(reference.db, reference.world, reference.caseId, 'none');
    assert.equal(run.code, 0);
    assert.equal(run.result?.status, 'complete');
    expected = worldOf(reference.world, reference.caseId);
  });

  let released: unknown;
  it('releases the reference run for comparison', async () => {
    assert.equal(
      (await runChild(reference.db, reference.world, reference.caseId, 'release')).result?.status,
      'complete',
    );
    released = worldOf(reference.world, reference.caseId);
    assert.equal((released as { protected: boolean }).protected, false);
  });

  const points = [...STEPS.map((s) => `after:${s}`), 'inside:isolate', 'inside:snapshot'];
  for (const point of points) {
    it(`killed ${point.replace(':', ' ')}, re-run: same end state, a complete journal, the same release`, async () => {
      const s = scenario(point.replace(':', '-'));
      const killed = await runChild(s.db, s.world, s.caseId, point);
      assert.equal(killed.signal, 'SIGKILL', 'the first run was killed');
      assert.equal(killed.result, undefined);

      const resumed = await runChild(s.db, s.world, s.caseId, 'none');
      assert.equal(resumed.code, 0);
      assert.equal(resumed.result?.status, 'complete', JSON.stringify(resumed.result?.outcomes));
      assert.deepEqual(worldOf(s.world, s.caseId), expected);

      const store = CaseStore.open(s.db);
      const journal = store.journal.forCase(s.caseId);
      for (const step of STEPS) {
        const last = store.journal.latestApply(s.caseId, 'fake-ec2', 'i-0crash', step);
        assert.ok(last && ['verified', 'unchanged'].includes(last.status), `${step}: ${last?.status}`);
      }
      assert.deepEqual(
        journal.filter((e) => e.status === 'started' || e.status === 'applied'),
        [],
        'nothing left half-written',
      );
      const applied = journal.filter((e) => e.status === 'verified').map((e) => e.stepId);
      assert.equal(new Set(applied).size, applied.length, 'no step verified twice');
      assert.equal(store.evidence.forCase(s.caseId).length, 1, 'the snapshot is recorded as evidence once');
      if (point.startsWith('after:')) {
        const step = point.slice('after:'.length);
        const outcome: StepOutcome | undefined = resumed.result?.outcomes.find((o) => o.stepId === step);
        assert.equal(outcome?.status, 'done-earlier', `${step} is not repeated`);
      }
      if (point === 'inside:snapshot') {
        assert.equal(resumed.result?.outcomes.find((o) => o.stepId === 'snapshot')?.status, 'resumed');
      }
      if (point === 'inside:isolate') {
        assert.ok(journal.some((e) => e.stepId === 'isolate' && e.status === 'interrupted'));
      }
      store.close();

      const third = await runChild(s.db, s.world, s.caseId, 'none');
      assert.equal(third.result?.alreadyDone, true, 'a third run changes nothing and says so');

      const undone = await runChild(s.db, s.world, s.caseId, 'release');
      assert.equal(undone.result?.status, 'complete');
      assert.deepEqual(
        worldOf(s.world, s.caseId),
        released,
        'release after the crash restores what it restores after a clean run',
      );
    });
  }
});
