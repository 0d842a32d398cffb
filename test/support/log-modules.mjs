// Preloaded with `node --import`: records every module the process resolves, one URL a line, in
// the file named by XXGK_MODULE_LOG (hooks run on their own thread, hence a file).
import { register } from 'node:module';

register(new URL('./log-modules-hooks.mjs', import.meta.url));
