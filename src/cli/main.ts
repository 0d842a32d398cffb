import { run } from './run';
import { nodeIo } from './io';

process.exitCode = await run(process.argv.slice(2), nodeIo);
