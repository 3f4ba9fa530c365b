import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { GarrisonError } from '../../errors.js';

/** Where formatted output goes: stdout or a file, written with backpressure so memory stays flat. */
export interface OutputSink {
  write(text: string): Promise<void>;
  /** Flushes and, for a file, closes it. */
  close(): Promise<void>;
  /** True when a person is reading it (stdout on a terminal): picks the default format. */
  readonly isTerminal: boolean;
}

export function streamSink(stream: Writable & { isTTY?: boolean }, closeStream = false): OutputSink {
  let failure: Error | undefined;
  stream.on('error', (error: Error) => {
    failure = error;
  });
  return {
    isTerminal: Boolean(stream.isTTY),
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await drained(stream);
      if (failure) throw failure;
    },
    async close() {
      if (failure) throw failure;
      if (!closeStream) return;
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** Waits for 'drain' (or an error), removing both listeners after, so long outputs do not pile them up. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/** Opens --output FILE (created or truncated); an unwritable path is a usage error. */
export async function fileSink(path: string): Promise<OutputSink> {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new GarrisonError('usage', `cannot write --output ${path}: ${(error as Error).message}`, {
      cause: error,
      hint: 'give a path in a writable folder',
    });
  }
  return streamSink(stream, true);
}
