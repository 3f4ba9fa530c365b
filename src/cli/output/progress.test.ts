import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { formatBytes, progressBar, progressFields } from './progress.js';

const sample = {
  files: 3,
  filesKnown: 10,
  bytesIn: 3 * 1024 * 1024,
  bytesKnown: 10 * 1024 * 1024,
  records: 45_000,
};

describe('progress', () => {
  it('formats files, bytes, records and rate', () => {
    assert.deepEqual(progressFields(sample, 2), {
      files: '3/10',
      bytes: '3.0 MB/10.0 MB',
      records: '45,000',
      rate: '22,500 rec/s',
    });
    assert.equal(progressFields(sample, 0).rate, '0 rec/s');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(300 * 1024 ** 3), '300 GB');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let written = 0;
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => {
      written += chunk.length;
    });
    const bar = progressBar(stream);
    bar.update(sample);
    bar.stop();
    assert.equal(written, 0);
  });

  it('draws the bar on a terminal', () => {
    const chunks: string[] = [];
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 200,
      cursorTo() {},
      clearLine() {},
      moveCursor() {},
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const bar = progressBar(stream as unknown as NodeJS.WriteStream, () => 0);
    bar.update(sample);
    bar.stop();
    assert.match(chunks.join(''), /3\/10 files \| 3\.0 MB\/10\.0 MB \| 45,000 records/);
  });
});
