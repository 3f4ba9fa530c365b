#!/usr/bin/env node
// The garrison command: a thin shim over the compiled CLI (npm run build makes dist/).
import { main } from '../dist/src/cli/main.js';

// The AWS SDK warns on every run that future releases will need Node 22; garrison pins SDK
// versions that support Node 20, so that notice is noise on an analyst's terminal.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning' || String(warning).includes('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};

// A reader that goes away (`garrison ... | head`) is not an error: commands stop writing when a
// write fails with EPIPE; this keeps the failed write of any other text (help, usage) quiet too.
// Any other error is left to the command's own listener (it reports it), or thrown as before.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error?.code === 'EPIPE' || stream.listenerCount('error') > 1) return;
    throw error;
  });

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`garrison: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  },
);
