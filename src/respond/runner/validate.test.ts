import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Playbook, Step } from '../step.js';
import { validatePlaybook } from './validate.js';

function step(id: string, over: Partial<Step> = {}): Step {
  return {
    id,
    title: id,
    reads: [],
    iamActions: ['ec2:DescribeInstances'],
    idempotent: true,
    dependsOn: [],
    plan: async () => ({ willChange: false, summary: '' }),
    apply: async () => ({}),
    verify: async () => ({ ok: true, detail: '' }),
    ...over,
  };
}

const book = (...steps: Step[]): Playbook => ({ name: 'test', title: 'test', steps });

describe('validatePlaybook', () => {
  it('orders steps so every step comes after what it depends on', () => {
    const order = validatePlaybook(
      book(
        step('tag', { dependsOn: ['isolate', 'snapshot'] }),
        step('isolate', { dependsOn: ['group'] }),
        step('group'),
        step('snapshot'),
      ),
    ).map((s) => s.id);
    assert.ok(order.indexOf('group') < order.indexOf('isolate'));
    assert.ok(order.indexOf('isolate') < order.indexOf('tag'));
    assert.ok(order.indexOf('snapshot') < order.indexOf('tag'));
  });

  it('accepts reads of a step reached through another dependency', () => {
    assert.doesNotThrow(() =>
      validatePlaybook(
        book(
          step('a'),
          step('b', { dependsOn: ['a'] }),
          step('c', { dependsOn: ['b'], reads: ['a.groupId', 'target.id'] }),
        ),
      ),
    );
  });

  const broken: [string, Playbook, RegExp][] = [
    ['a duplicate id', book(step('a'), step('a')), /two steps are called a/],
    ['an id that is not kebab-case', book(step('Isolate Now')), /not kebab-case/],
    ['an unknown dependency', book(step('a', { dependsOn: ['ghost'] })), /unknown step ghost/],
    [
      'a cycle',
      book(step('a', { dependsOn: ['c'] }), step('b', { dependsOn: ['a'] }), step('c', { dependsOn: ['b'] })),
      /cycle/,
    ],
    ['a self dependency', book(step('a', { dependsOn: ['a'] })), /cycle a -> a/],
    [
      'a read of a step it does not depend on',
      book(step('a'), step('b', { reads: ['a.groupId'] })),
      /reads a.groupId but does not depend on step a/,
    ],
    [
      'an IAM action without a service',
      book(step('a', { iamActions: ['DescribeInstances'] })),
      /not an IAM action/,
    ],
    [
      'an evidence step that can be undone',
      book(step('snap', { evidence: true, undo: async () => ({}) })),
      /collects evidence and must not be undoable/,
    ],
  ];
  for (const [what, playbook, message] of broken) {
    it(`rejects ${what}`, () => {
      assert.throws(() => validatePlaybook(playbook), message);
    });
  }
});
