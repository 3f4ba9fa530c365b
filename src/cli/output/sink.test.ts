import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { streamSink } from './sink.js';

describe('streamSink', () => {
  it('waits for drain under backpressure without piling up listeners', async () => {
    const chunks: string[] = [];
    const slow = new Writable({
      highWaterMark: 8,
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        setImmediate(done);
      },
    });
    const sink = streamSink(slow, true);
    for (let i = 0; i < 200; i++) await sink.write(`line ${i}\n`);
    await sink.close();
    assert.equal(chunks.join('').split('\n').length, 201);
    assert.ok(slow.listenerCount('error') <= 1);
    assert.equal(slow.listenerCount('drain'), 0);
  });

  it('reports a write error (a closed pipe) to the writer', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const sink = streamSink(broken);
    await assert.rejects(async () => {
      for (let i = 0; i < 100; i++) await sink.write('x'.repeat(1024));
    }, /EPIPE/);
  });
});
