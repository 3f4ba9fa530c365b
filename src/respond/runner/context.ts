import { randomBytes } from 'node:crypto';
import type { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import type { Actor, JsonValue } from '../../cases/types.js';
import type { Playbook, PlaybookTarget, Step, StepContext } from '../step.js';
import type { RunEvent } from './outcome.js';

/** Everything one run shares between its steps. */
export interface RunState<T extends PlaybookTarget> {
  runId: string;
  playbook: Playbook<T>;
  target: T;
  caseId: string | undefined;
  applying: boolean;
  clients: AwsClients;
  store: CaseStore | undefined;
  actor: Actor;
  signal: AbortSignal;
  outputs: Map<string, JsonValue | undefined>;
  emit(event: RunEvent): void;
}

export function stepContext<T extends PlaybookTarget>(state: RunState<T>, step: Step<T>): StepContext<T> {
  return {
    target: state.target,
    caseId: state.caseId,
    runId: state.runId,
    applying: state.applying,
    clients: state.clients,
    signal: state.signal,
    output<O = JsonValue>(stepId: string): O | undefined {
      return state.outputs.get(stepId) as O | undefined;
    },
    note(message: string) {
      state.emit({ type: 'step-note', stepId: step.id, message });
    },
  };
}

/** Who collected evidence, for the chain of custody: the AWS identity and the local user. */
export function collector(actor: Actor): string {
  return actor.arn ? `${actor.arn} (${actor.localUser})` : actor.localUser;
}

/** The AWS request id an SDK error carries, if any. */
export function requestIdsOfError(error: unknown): string[] {
  const id = (error as { $metadata?: { requestId?: string } } | undefined)?.$metadata?.requestId;
  return id ? [id] : [];
}

/** A run id an analyst can read and sort: run-20261127T184008-3fa2c1 (UTC start time, random tail). */
export function newRunId(prefix: 'run' | 'release'): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `${prefix}-${stamp}-${randomBytes(3).toString('hex')}`;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`;
  return String(error);
}
