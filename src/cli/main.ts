import { run } from './run';
import { nodeIo } from './io';

// `xxgk check <folder> | head`: once the reader has gone, what is left to print is dropped quietly (no
// stack trace), and the run still ends with its own exit code: a script with pipefail sees the errors.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

process.exitCode = await run(process.argv.slice(2), nodeIo);
