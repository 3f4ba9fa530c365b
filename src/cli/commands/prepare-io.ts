import { Option } from 'commander';
import { forTerminal } from '../output/neutralise.js';

/** Where the prepare commands write: stdout for results, stderr for the human summary. */
export interface PrepareIo {
  out(text: string): void;
  err(text: string): void;
  isTerminal: boolean;
}

/** The process's own stdout and stderr. */
export const processIo: PrepareIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTerminal: Boolean(process.stdout.isTTY),
};

export const formatOption = () =>
  new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices([
    'table',
    'json',
  ]);

/** The --format asked for, else a table on a terminal and JSON anywhere else. */
export function chosenFormat(format: string | undefined, io: PrepareIo): 'table' | 'json' {
  if (format === 'table' || format === 'json') return format;
  return io.isTerminal ? 'table' : 'json';
}

/** Writes each line neutralised for the terminal. */
export function lines(write: (text: string) => void, text: readonly string[]): void {
  for (const line of text) write(`${forTerminal(line)}\n`);
}
