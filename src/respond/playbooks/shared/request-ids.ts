import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsClients } from '../../../aws/clients.js';
import type { PlaybookTarget, Step } from '../../step.js';

type Stack = {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<{ output: unknown }>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<{ output: unknown }>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
};

const READ_ONLY = /^(Describe|Get|List|Head)/;

/**
 * The same identity and settings as the clients it wraps (credentials shared: no second role
 * assumption), remembering the AWS request id of every call that changes something, for the journal.
 */
export class RecordingClients extends AwsClients {
  readonly requestIds: string[] = [];
  private readonly watched = new WeakSet<object>();

  constructor(private readonly parent: AwsClients) {
    super(parent.target);
  }

  override credentials(): AwsCredentialIdentityProvider {
    return this.parent.credentials();
  }

  // biome-ignore lint/suspicious/noExplicitAny: SDK client constructors take service-specific config types.
  override client<C>(Client: new (config: any) => C, region?: string): C {
    const client = region === undefined ? super.client(Client) : super.client(Client, region);
    const object = client as unknown as object;
    if (!this.watched.has(object)) {
      this.watched.add(object);
      (client as unknown as Stack).middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          const id = (result.output as { $metadata?: { requestId?: string } } | undefined)?.$metadata
            ?.requestId;
          if (id && !READ_ONLY.test(context.commandName?.replace(/Command$/, '') ?? ''))
            this.requestIds.push(id);
          return result;
        },
        { step: 'initialize', name: 'garrisonRequestIds' },
      );
    }
    return client;
  }
}

/** The step with its apply and undo journaling the request ids of the calls that changed something. */
export function withRequestIds<T extends PlaybookTarget>(step: Step<T>): Step<T> {
  const undo = step.undo;
  return {
    ...step,
    async apply(ctx, plan) {
      const clients = new RecordingClients(ctx.clients);
      const result = await step.apply({ ...ctx, clients }, plan);
      return { ...result, requestIds: [...(result.requestIds ?? []), ...clients.requestIds] };
    },
    ...(undo
      ? {
          async undo(ctx, entry) {
            const clients = new RecordingClients(ctx.clients);
            const result = await undo({ ...ctx, clients }, entry);
            return { ...result, requestIds: [...(result.requestIds ?? []), ...clients.requestIds] };
          },
        }
      : {}),
  };
}
