import { run } from './run';
import { nodeIo } from './io';

// `xxgk check <folder> | head`: once the reader has gone, stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2), nodeIo);
