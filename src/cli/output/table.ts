import { forTerminal } from './neutralise.js';
import type { OutputSink } from './sink.js';
import type { Column, ItemWriter } from './writers.js';

/**
 * A plain-text table streamed row by row: fixed column widths (so nothing is held in memory),
 * every cell neutralised for the terminal before it is measured and cut.
 */
export function tableWriter<T>(sink: OutputSink, columns: readonly Column<T>[]): ItemWriter<T> {
  let started = false;
  const line = (cells: string[]) =>
    `${cells
      .map((cell, i) => {
        const width = i === cells.length - 1 ? undefined : columns[i]?.width;
        return width === undefined ? cell : fit(cell, width, columns[i]?.keep);
      })
      .join('  ')
      .trimEnd()}\n`;
  const header = () => {
    started = true;
    return sink.write(line(columns.map((c) => c.header.toUpperCase())));
  };
  return {
    async write(item) {
      if (!started) await header();
      await sink.write(line(columns.map((c) => cellText(c.value(item)))));
    },
    async end() {
      if (!started) await header();
    },
  };
}

function cellText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  return forTerminal(String(value));
}

/** Pads or cuts to exactly `width` characters (code points), marking a cut with `…` at the end dropped. */
export function fit(text: string, width: number, keep: 'start' | 'end' = 'start'): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text + ' '.repeat(width - chars.length);
  if (keep === 'end') return `…${chars.slice(chars.length - (width - 1)).join('')}`;
  return `${chars.slice(0, width - 1).join('')}…`;
}
