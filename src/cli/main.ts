import { run } from './run';
import { nodeIo } from './io';

// A failed write to standard output (`> /dev/full`, `| head`) is reported by run (nodeIo keeps it): no stack trace.
process.exitCode = await run(process.argv.slice(2), nodeIo);
