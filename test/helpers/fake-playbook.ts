import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { JsonValue, Playbook, PlaybookTarget, Step } from '../../src/respond/step.js';

/**
 * A stand-in for AWS in runner tests: a small key/value world, in memory or in a JSON file that
 * survives a SIGKILL (written to a temporary file, then renamed).
 */
export interface FakeWorld {
  get(key: string): JsonValue | undefined;
  set(key: string, value: JsonValue | undefined): void;
  snapshot(): Record<string, JsonValue>;
}

export function memoryWorld(initial: Record<string, JsonValue> = {}): FakeWorld {
  const data: Record<string, JsonValue> = structuredClone(initial);
  return {
    get: (key) => data[key],
    set: (key, value) => {
      if (value === undefined) delete data[key];
      else data[key] = value;
    },
    snapshot: () => structuredClone(data),
  };
}

export function fileWorld(path: string): FakeWorld {
  const read = (): Record<string, JsonValue> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, JsonValue>;
    } catch {
      return {};
    }
  };
  return {
    get: (key) => read()[key],
    set: (key, value) => {
      const data = read();
      if (value === undefined) delete data[key];
      else data[key] = value;
      writeFileSync(`${path}.tmp`, JSON.stringify(data));
      renameSync(`${path}.tmp`, path);
    },
    snapshot: read,
  };
}

export interface FakeHooks {
  /** Called inside apply, after the first half of a step's change is made. */
  midApply?(stepId: string): Promise<void> | void;
}

/**
 * An instance-containment look-alike: protect, find-or-create an isolation group, isolate (reads the
 * group), snapshot (evidence, not idempotent), tag (after isolate and snapshot). Undo restores the
 * before-state; the snapshot has no undo.
 */
export function containmentPlaybook(world: FakeWorld, hooks: FakeHooks = {}): Playbook<PlaybookTarget> {
  const protect: Step = {
    id: 'protect',
    title: 'Enable termination protection',
    reads: ['target.id'],
    iamActions: ['ec2:ModifyInstanceAttribute', 'ec2:DescribeInstanceAttribute'],
    idempotent: true,
    dependsOn: [],
    async plan() {
      const before = world.get('protected') ?? false;
      return before === true
        ? { willChange: false, summary: 'already protected' }
        : {
            willChange: true,
            summary: 'enable termination protection',
            before: { protected: before },
            change: { protected: true },
          };
    },
    async apply(_ctx, _plan) {
      world.set('protected', true);
      return { requestIds: ['req-protect'] };
    },
    async verify() {
      return world.get('protected') === true
        ? { ok: true, detail: 'protected' }
        : { ok: false, detail: 'not protected' };
    },
    async undo(_ctx, entry) {
      world.set('protected', (entry.before as { protected: boolean }).protected);
      return { requestIds: ['req-unprotect'] };
    },
  };
  const group: Step = {
    id: 'isolation-group',
    title: 'Find or create the isolation group',
    reads: [],
    iamActions: ['ec2:CreateSecurityGroup', 'ec2:DescribeSecurityGroups'],
    idempotent: true,
    dependsOn: [],
    async plan() {
      const existing = world.get('group');
      return existing
        ? { willChange: false, summary: `isolation group ${existing} exists`, output: { groupId: existing } }
        : { willChange: true, summary: 'create an isolation group' };
    },
    async apply() {
      world.set('group', 'sg-isolation');
      return { output: { groupId: 'sg-isolation' }, requestIds: ['req-group'] };
    },
    async verify() {
      return world.get('group') ? { ok: true, detail: 'group exists' } : { ok: false, detail: 'no group' };
    },
  };
  const isolate: Step = {
    id: 'isolate',
    title: 'Replace the security groups with the isolation group',
    reads: ['isolation-group.groupId'],
    iamActions: ['ec2:ModifyNetworkInterfaceAttribute'],
    idempotent: true,
    dependsOn: ['isolation-group'],
    async plan(ctx) {
      const groupId = ctx.output<{ groupId: string }>('isolation-group')?.groupId ?? '(new isolation group)';
      const before = world.get('groups') ?? [];
      if (JSON.stringify(before) === JSON.stringify([groupId]))
        return { willChange: false, summary: 'already isolated' };
      return {
        willChange: true,
        summary: `replace ${JSON.stringify(before)} with ${groupId}`,
        before: { groups: before },
        change: { groups: [groupId] },
      };
    },
    async apply(_ctx, plan) {
      const groups = (plan.change as { groups: string[] }).groups;
      world.set('groups', [...((world.get('groups') as string[]) ?? []), 'half-done']);
      await hooks.midApply?.('isolate');
      world.set('groups', groups);
      return { requestIds: ['req-isolate'] };
    },
    async verify(ctx) {
      const groupId = ctx.output<{ groupId: string }>('isolation-group')?.groupId;
      const groups = world.get('groups');
      return JSON.stringify(groups) === JSON.stringify([groupId])
        ? { ok: true, detail: `only ${groupId}` }
        : { ok: false, detail: `groups are ${JSON.stringify(groups)}` };
    },
    async undo(_ctx, entry) {
      world.set('groups', (entry.before as { groups: JsonValue }).groups);
      return {};
    },
  };
  const snapshot: Step = {
    id: 'snapshot',
    title: 'Snapshot the volumes',
    reads: ['target.id'],
    iamActions: ['ec2:CreateSnapshots', 'ec2:DescribeSnapshots'],
    idempotent: false,
    evidence: true,
    dependsOn: [],
    async plan() {
      return { willChange: true, summary: 'snapshot every volume' };
    },
    async apply(ctx) {
      const snapshots = (world.get('snapshots') as { id: string; case: string }[] | undefined) ?? [];
      const id = `snap-${snapshots.length + 1}`;
      world.set('snapshots', [...snapshots, { id, case: ctx.caseId ?? '' }]);
      await hooks.midApply?.('snapshot');
      return {
        output: { snapshotId: id },
        evidence: [{ kind: 'ebs-snapshot', awsIds: [id], description: `snapshot of ${ctx.target.id}` }],
      };
    },
    async verify(ctx) {
      const snapshots = (world.get('snapshots') as { id: string; case: string }[] | undefined) ?? [];
      const mine = snapshots.find((s) => s.case === ctx.caseId);
      return mine
        ? {
            ok: true,
            detail: `${mine.id} exists`,
            output: { snapshotId: mine.id },
            evidence: [
              { kind: 'ebs-snapshot', awsIds: [mine.id], description: `snapshot of ${ctx.target.id}` },
            ],
          }
        : { ok: false, detail: 'no snapshot tagged with the case' };
    },
  };
  const tag: Step = {
    id: 'tag',
    title: 'Tag the instance with the case',
    reads: ['target.id', 'snapshot.snapshotId'],
    iamActions: ['ec2:CreateTags'],
    idempotent: true,
    dependsOn: ['isolate', 'snapshot'],
    async plan(ctx) {
      const wanted = `${ctx.caseId}:${ctx.output<{ snapshotId: string }>('snapshot')?.snapshotId}`;
      const before = world.get('tag') ?? null;
      return before === wanted
        ? { willChange: false, summary: 'already tagged' }
        : { willChange: true, summary: `tag ${wanted}`, before: { tag: before }, change: { tag: wanted } };
    },
    async apply(_ctx, plan) {
      world.set('tag', (plan.change as { tag: string }).tag);
      return {};
    },
    async verify(ctx) {
      const tagged =
        world.get('tag') === `${ctx.caseId}:${ctx.output<{ snapshotId: string }>('snapshot')?.snapshotId}`;
      return { ok: tagged, detail: tagged ? 'tagged' : `tag is ${JSON.stringify(world.get('tag'))}` };
    },
    async undo(_ctx, entry) {
      world.set('tag', (entry.before as { tag: JsonValue }).tag ?? undefined);
      return {};
    },
  };
  return {
    name: 'fake-ec2',
    title: 'Contain a fake instance',
    steps: [protect, group, isolate, snapshot, tag],
  };
}
