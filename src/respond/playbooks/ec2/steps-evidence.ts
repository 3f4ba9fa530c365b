import { createHash } from 'node:crypto';
import { GarrisonError } from '../../../errors.js';
import type { Step } from '../../step.js';
import { toJson } from '../shared/json.js';
import { CONSOLE_ACTIONS, captureConsoleOutput } from './console-output.js';
import { FACT_ACTIONS } from './facts.js';
import { findForensicCopies, SNAPSHOT_ACTIONS, takeForensicCopies } from './snapshots.js';
import { currentFacts, type Ec2Target } from './target.js';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** First, before anything changes: the instance as it was, kept in the journal with its SHA-256. */
export const recordMetadata: Step<Ec2Target> = {
  id: 'record-metadata',
  title: 'Record the instance metadata as evidence',
  reads: ['target.id', 'target.region'],
  iamActions: FACT_ACTIONS,
  idempotent: true,
  dependsOn: [],
  evidence: true,
  async plan(ctx) {
    const f = await currentFacts(ctx);
    if (f.state === 'terminated' || f.state === 'shutting-down')
      throw new GarrisonError('conflict', `${f.instanceId} is ${f.state}: there is nothing left to contain`, {
        hint: 'look for its EBS snapshots and CloudTrail activity instead',
      });
    const parts = [
      `${f.networkInterfaces.length} interface(s)`,
      `${f.volumeIds.length} volume(s)`,
      f.profile ? `profile ${f.profile.arn}` : 'no instance profile',
      f.autoScalingGroup ? `Auto Scaling group ${f.autoScalingGroup.name}` : 'no Auto Scaling group',
      `${f.targetGroups.length} target group(s)`,
    ];
    return { willChange: true, summary: `record ${f.instanceId} (${f.state}): ${parts.join(', ')}` };
  },
  async apply(ctx) {
    const facts = toJson(await currentFacts(ctx));
    const f = await currentFacts(ctx);
    return {
      output: facts,
      evidence: [
        {
          kind: 'instance-metadata',
          awsIds: [f.instanceId, ...f.networkInterfaces.map((n) => n.networkInterfaceId), ...f.volumeIds],
          description: `metadata of ${f.instanceId} in ${f.region} before containment (stored in the journal output)`,
          sha256: sha256(JSON.stringify(facts)),
        },
      ],
    };
  },
  async verify(ctx) {
    const out = ctx.output<{ instanceId?: string }>('record-metadata');
    return {
      ok: true,
      detail: out ? `metadata of ${out.instanceId} recorded` : 'metadata recorded by an earlier run',
    };
  },
};

/** Crash-consistent snapshots of every volume and an image made without reboot, tagged with the case. */
export const snapshotVolumes: Step<Ec2Target> = {
  id: 'snapshot-volumes',
  title: 'Snapshot every attached volume and create an image (no reboot)',
  reads: ['target.id', 'target.region'],
  iamActions: SNAPSHOT_ACTIONS,
  // CreateSnapshots is not idempotent: a resumed run finds the copies by their case tag in verify.
  idempotent: false,
  dependsOn: ['record-metadata'],
  evidence: true,
  async plan(ctx) {
    const f = await currentFacts(ctx);
    const have = ctx.caseId
      ? await findForensicCopies(ctx.clients, ctx.target.region, ctx.caseId, f.instanceId)
      : undefined;
    if (have?.snapshotIds.length && have.imageId)
      return {
        willChange: false,
        summary: `already copied: ${have.snapshotIds.join(', ')} and ${have.imageId}`,
        output: toJson(have),
      };
    return {
      willChange: true,
      summary: `snapshot ${f.volumeIds.join(', ') || 'the attached volumes'} together and image ${f.instanceId} without reboot`,
      change: { volumeIds: f.volumeIds },
    };
  },
  async apply(ctx) {
    const copies = await takeForensicCopies(
      ctx.clients,
      ctx.target.region,
      ctx.caseId ?? 'no-case',
      ctx.target.id,
      {
        maxWaitSeconds: ctx.target.maxWaitSeconds,
      },
    );
    return {
      output: toJson(copies),
      evidence: copyEvidence(ctx.target.id, copies.snapshotIds, copies.imageId),
    };
  },
  async verify(ctx) {
    const have = await findForensicCopies(
      ctx.clients,
      ctx.target.region,
      ctx.caseId ?? 'no-case',
      ctx.target.id,
    );
    const ok = have.snapshotsCompleted && have.imageAvailable;
    return {
      ok,
      detail: ok
        ? `snapshots ${have.snapshotIds.join(', ')} completed, image ${have.imageId} available`
        : `snapshots ${have.snapshotIds.join(', ') || 'missing'}, image ${have.imageId ?? 'missing'}: not complete`,
      output: toJson(have),
      evidence: copyEvidence(ctx.target.id, have.snapshotIds, have.imageId),
    };
  },
};

function copyEvidence(instanceId: string, snapshotIds: string[], imageId: string | undefined) {
  const items = [
    {
      kind: 'ebs-snapshot',
      awsIds: snapshotIds,
      description: `crash-consistent snapshots of the volumes of ${instanceId}`,
    },
  ];
  if (imageId)
    items.push({
      kind: 'ami',
      awsIds: [imageId],
      description: `image of ${instanceId}, made without reboot`,
    });
  return items;
}

/** The console output (boot log, kernel messages) as AWS holds it, with its SHA-256. */
export const captureConsole: Step<Ec2Target> = {
  id: 'capture-console-output',
  title: 'Save the console output with its SHA-256',
  reads: ['target.id', 'target.region'],
  iamActions: CONSOLE_ACTIONS,
  idempotent: true,
  dependsOn: ['record-metadata'],
  evidence: true,
  async plan(ctx) {
    return { willChange: true, summary: `save the console output of ${ctx.target.id}` };
  },
  async apply(ctx) {
    const c = await captureConsoleOutput(ctx.clients, ctx.target.region, ctx.target.id);
    return {
      output: {
        sha256: c.sha256,
        capturedAt: c.capturedAt,
        bytes: c.output.length,
        base64: c.output.toString('base64'),
      },
      evidence: [
        {
          kind: 'console-output',
          awsIds: [c.instanceId],
          description: `console output of ${c.instanceId} captured ${c.capturedAt}, ${c.output.length} bytes (base64 in the journal output)`,
          sha256: c.sha256,
        },
      ],
    };
  },
  async verify(ctx) {
    const out = ctx.output<{ sha256?: string; base64?: string }>('capture-console-output');
    if (!out) return { ok: true, detail: 'console output saved by an earlier run' };
    const ok = out.sha256 === sha256(Buffer.from(out.base64 ?? '', 'base64'));
    return {
      ok,
      detail: ok
        ? `console output saved, sha256 ${out.sha256}`
        : 'stored console output does not match its hash',
    };
  },
};
