#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist-cli/ by `npm run build:cli` (run by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/xxgk.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('xxgk：命令行程序尚未构建，请先在项目目录运行 npm run build:cli\n');
  process.exit(2);
}
await import(bundle);
