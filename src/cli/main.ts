import { setFlagsFromString } from 'node:v8';
import { run } from './run';
import { nodeIo } from './io';

// Before any code is hot: V8's optimising compiler inlines less into each function it compiles
// (INLINING_BUDGET bytes of bytecode instead of 920). The CLI is a short batch run, and its
// optimised code is compiled on the core it runs on, again each time a function meets objects of a
// shape it had not met; a smaller budget makes each compile cheaper for little slower code.
const INLINING_BUDGET = 400;
setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);

// A failed write to standard output (`> /dev/full`, `| head`) is reported by run (nodeIo keeps it): no stack trace.
process.exitCode = await run(process.argv.slice(2), nodeIo);
