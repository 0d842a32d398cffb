// `npm start`: serves the built app on 127.0.0.1:4173 and says where the example report opens.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const url = 'http://127.0.0.1:4173/';
console.log(`\nxxgk 已启动。在浏览器中打开：\n  ${url}#/example   示例年报（沈阳市皇姑区 2023 年度）\n  ${url}            草稿列表\n按 Ctrl+C 停止。\n`);
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const child = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', '4173', '--strictPort'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
