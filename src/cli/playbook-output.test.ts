import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import type { ReleaseResult, RunResult } from '../respond/runner/outcome.js';
import { confirm, renderRelease, renderRun } from './playbook-output.js';

async function answer(text: string | null): Promise<boolean> {
  const input = new PassThrough();
  const output = new PassThrough();
  const asked = confirm('Undo 2 change(s)?', { input, output });
  if (text === null) input.end();
  else input.write(text);
  return asked;
}

describe('confirm', () => {
  it('takes y and yes as yes, anything else (or no answer) as no', async () => {
    assert.equal(await answer('y\n'), true);
    assert.equal(await answer('YES\n'), true);
    assert.equal(await answer('\n'), false);
    assert.equal(await answer('yes please\n'), false);
    assert.equal(await answer('n\n'), false);
    assert.equal(await answer(null), false);
  });
});

const hostile = 'i-1\u001b[2J\u202e';

describe('renderRun and renderRelease', () => {
  it('shows every step, says what the run did, and neutralises hostile text', () => {
    const run: RunResult = {
      runId: 'run-1',
      playbook: 'ec2',
      target: hostile,
      caseId: 'case-1',
      applying: true,
      status: 'partial',
      alreadyDone: false,
      changed: true,
      outcomes: [
        {
          stepId: 'isolate',
          title: 'Isolate',
          status: 'unverified',
          summary: `isolate ${hostile}`,
          detail: 'still has sg-web',
          warnings: [],
          requestIds: [],
        },
        {
          stepId: 'tag',
          title: 'Tag',
          status: 'applied',
          summary: 'tag',
          detail: 'tagged',
          warnings: [],
          requestIds: [],
        },
      ],
    };
    const text = renderRun(run);
    assert.match(text, /NOT VERIFIED/);
    assert.match(text, /some steps are NOT verified/);
    assert.ok(!text.includes('\u001b') && !text.includes('\u202e'));
    assert.match(text, /i-1\\x1b\[2J\\u202e/);
    assert.match(
      renderRun({ ...run, status: 'complete', alreadyDone: true }),
      /nothing to do, every step was already done/,
    );
  });

  it('shows what a release keeps and why', () => {
    const result: ReleaseResult = {
      runId: 'release-1',
      caseId: 'case-1',
      applying: false,
      status: 'planned',
      outcomes: [
        {
          actionId: 3,
          playbook: 'ec2',
          stepId: 'snapshot',
          target: 'i-1',
          status: 'evidence-kept',
          detail: 'evidence is never deleted by garrison',
          requestIds: [],
        },
        {
          actionId: 2,
          playbook: 'ec2',
          stepId: 'isolate',
          target: 'i-1',
          status: 'would-undo',
          detail: 'restore sg-web',
          requestIds: [],
        },
      ],
    };
    const text = renderRelease(result);
    assert.match(text, /kept \(evidence\)/);
    assert.match(text, /would undo/);
    assert.match(text, /dry run, nothing changed/);
    assert.equal(
      renderRelease({ ...result, outcomes: [], status: 'nothing-to-release' }),
      'case case-1: nothing to release.\n',
    );
  });
});
