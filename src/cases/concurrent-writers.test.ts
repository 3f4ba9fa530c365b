import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CaseStore } from './store.js';

const writer = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test',
  'fixtures',
  'store-writer.js',
);
const dir = mkdtempSync(join(tmpdir(), 'garrison-concurrent-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(db: string, name: string, rounds: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [writer, db, name, String(rounds)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('case store: several garrison processes writing at once', () => {
  it('loses and corrupts nothing, even when they all create the store at the same moment', async () => {
    const db = join(dir, 'shared.db');
    const writers = ['alpha', 'bravo', 'charlie', 'delta'];
    const rounds = 30;
    const running = Promise.all(writers.map((w) => run(db, w, rounds)));
    // All opened the store at the same moment; once all are ready, they write at the same time.
    const deadline = Date.now() + 30_000;
    while (!writers.every((w) => existsSync(`${db}.ready-${w}`)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    writeFileSync(`${db}.go`, '');
    const results = await running;
    for (const [i, r] of results.entries()) assert.equal(r.code, 0, `${writers[i]}: ${r.stderr}`);

    const store = CaseStore.open(db);
    assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(store.db.pragma('foreign_key_check'), []);
    const cases = store.cases.list();
    assert.equal(cases.length, writers.length * rounds);
    for (const w of writers) {
      const mine = cases.filter((c) => c.createdBy === w).map((c) => c.title);
      assert.equal(new Set(mine).size, rounds, `every case of ${w} is there`);
    }
    assert.ok(cases.every((c) => c.status === 'contained' && c.containedAt));
    const order = store.db.prepare('SELECT local_user FROM actions ORDER BY id').pluck().all() as string[];
    const switches = order.filter((w, i) => i > 0 && w !== order[i - 1]).length;
    assert.ok(
      switches > writers.length - 1,
      `the writers interleaved (${switches} switches), so they really raced`,
    );
    const count = (sql: string) => store.db.prepare(sql).pluck().get();
    assert.equal(count("SELECT count(*) FROM actions WHERE status = 'verified'"), writers.length * rounds);
    assert.equal(count('SELECT count(*) FROM evidence'), writers.length * rounds);
    assert.equal(
      count("SELECT count(*) FROM custody_events WHERE event = 'collected'"),
      writers.length * rounds,
    );
    store.close();
  });
});
