import { csvRow, safeJson } from './neutralise.js';
import type { OutputSink } from './sink.js';
import { tableWriter } from './table.js';

export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** One column of a table or CSV: a header and how to read the cell from an item. */
export interface Column<T> {
  header: string;
  /** Table width in characters; longer cells are cut with `…`. The last column is never cut. */
  width?: number;
  /** Which end of a long cell to keep in a table: the start (default) or the end (ARNs, whose tail names the session). */
  keep?: 'start' | 'end';
  value(item: T): string | number | boolean | undefined | null;
}

/** Streams items out in one format; `end` writes what closes the document (the JSON summary). */
export interface ItemWriter<T> {
  write(item: T): Promise<void>;
  end(summary: unknown): Promise<void>;
}

export interface WriterSpec<T> {
  /** The terminal table's columns (a few, narrow). */
  tableColumns: readonly Column<T>[];
  /** The CSV's columns (as many as analysis needs). */
  csvColumns: readonly Column<T>[];
  /** The item as JSON (json/ndjson). */
  toJson(item: T): unknown;
  /** The array's key in the one JSON object `--format json` prints (`records`, `findings`). */
  jsonKey: string;
}

export function createWriter<T>(format: OutputFormat, sink: OutputSink, spec: WriterSpec<T>): ItemWriter<T> {
  switch (format) {
    case 'table':
      return tableWriter(sink, spec.tableColumns);
    case 'csv':
      return csvWriter(sink, spec.csvColumns);
    case 'ndjson':
      return {
        write: (item) => sink.write(`${safeJson(spec.toJson(item))}\n`),
        end: async () => {},
      };
    case 'json':
      return jsonWriter(sink, spec);
  }
}

function csvWriter<T>(sink: OutputSink, columns: readonly Column<T>[]): ItemWriter<T> {
  let started = false;
  const header = () => {
    started = true;
    return sink.write(csvRow(columns.map((c) => c.header)));
  };
  return {
    async write(item) {
      if (!started) await header();
      await sink.write(csvRow(columns.map((c) => c.value(item))));
    },
    async end() {
      if (!started) await header();
    },
  };
}

/** `{"<key>":[...],"summary":{...}}`, streamed item by item. */
function jsonWriter<T>(sink: OutputSink, spec: WriterSpec<T>): ItemWriter<T> {
  let count = 0;
  let opened = false;
  const open = () => {
    opened = true;
    return sink.write(`{${JSON.stringify(spec.jsonKey)}:[`);
  };
  return {
    async write(item) {
      if (!opened) await open();
      await sink.write(`${count++ === 0 ? '\n' : ',\n'}${safeJson(spec.toJson(item))}`);
    },
    async end(summary) {
      if (!opened) await open();
      await sink.write(`${count > 0 ? '\n' : ''}],"summary":${safeJson(summary)}}\n`);
    },
  };
}

/** The format to use when none is given: by the --output file's extension, else table on a terminal, else NDJSON. */
export function defaultFormat(sink: OutputSink, outputPath?: string): OutputFormat {
  if (outputPath) {
    if (/\.csv$/i.test(outputPath)) return 'csv';
    if (/\.json$/i.test(outputPath)) return 'json';
    if (/\.txt$/i.test(outputPath)) return 'table';
    return 'ndjson';
  }
  return sink.isTerminal ? 'table' : 'ndjson';
}
