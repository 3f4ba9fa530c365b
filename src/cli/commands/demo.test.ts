import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phaseDisplay } from './demo.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream,
  };
}

describe('demo progress', () => {
  it('off a terminal: one plain line per phase with its time, nothing else', () => {
    const { written, stream } = fakeStream(false);
    const display = phaseDisplay(stream);
    display.event({ type: 'phase-started', phase: 'hunt', title: 'hunt the trail from S3' });
    display.event({ type: 'phase-finished', phase: 'hunt', ms: 4120, detail: '47 records, 27 findings' });
    display.stop();
    assert.deepEqual(written, ['demo [5/8] hunt       4.1 s  47 records, 27 findings\n']);
  });

  it('on a terminal: a spinner while the phase runs, cleared before its line', () => {
    const { written, stream } = fakeStream(true);
    const display = phaseDisplay(stream);
    display.event({ type: 'phase-started', phase: 'emulator', title: 'start the local AWS emulator' });
    assert.match(written[0] ?? '', /^\r\x1b\[2K\| \[1\/8\] start the local AWS emulator$/);
    display.event({
      type: 'phase-finished',
      phase: 'emulator',
      ms: 12_700,
      detail: 'moto on http://127.0.0.1:5000',
    });
    assert.equal(written.at(-2), '\r\x1b[2K');
    assert.equal(written.at(-1), 'demo [1/8] emulator  12.7 s  moto on http://127.0.0.1:5000\n');
    display.stop();
  });

  it('neutralises control characters in a phase detail (names can come from CloudTrail)', () => {
    const { written, stream } = fakeStream(false);
    phaseDisplay(stream).event({
      type: 'phase-finished',
      phase: 'case',
      ms: 50,
      detail: 'user \x1b]0;pwned\x07evil\r\nname',
    });
    assert.equal(written.length, 1);
    assert.doesNotMatch(written[0] as string, /\x1b|\x07|\r/);
    assert.equal((written[0] as string).indexOf('\n'), (written[0] as string).length - 1);
  });
});
