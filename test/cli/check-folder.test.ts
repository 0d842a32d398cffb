import { copyFile, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { nodeIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';

/** `check` of a folder: every file read once, in order, from one listing of each folder. */

const samples = resolve(__dirname, '../../../shared/samples');
let folder: string;
let files: string[];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'xxgk-check-folder-'));
  await mkdir(join(folder, 'sub'));
  const names = (await readdir(samples)).sort();
  // 40 files (more than are read ahead), in the folder and a subfolder.
  for (let i = 0; i < 40; i++) {
    const name = names[i % names.length] as string;
    await copyFile(join(samples, name), join(folder, i < 30 ? '' : 'sub', `r${String(i).padStart(2, '0')}.txt`));
  }
  files = [
    ...Array.from({ length: 30 }, (_, i) => join(folder, `r${String(i).padStart(2, '0')}.txt`)),
    ...Array.from({ length: 10 }, (_, i) => join(folder, 'sub', `r${30 + i}.txt`)),
  ];
});

async function check(effects: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const code = await run(['check', folder, '--json'], { ...nodeIo, ...effects, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, lines: out.trim().split('\n').map((l) => JSON.parse(l) as { file: string; error?: string }), err };
}

describe('check of a folder', () => {
  it('reads every file once and reports them in order', async () => {
    const reads: string[] = [];
    const { lines } = await check({ readFile: (path) => (reads.push(path), nodeIo.readFile(path)) });
    expect(lines.map((l) => l.file)).toEqual(files);
    expect([...reads].sort()).toEqual([...files].sort());
  });

  it('reports a file that cannot be read in its place, whenever its read fails', async () => {
    const failing = files[17] as string;
    const denied = Object.assign(new Error('EACCES: simulated'), { code: 'EACCES' });
    const { code, lines, err } = await check({
      readFile: (path) => (path === failing ? Promise.reject(denied) : nodeIo.readFile(path)),
    });
    expect(code).toBe(2); // a file could not be read
    expect(lines.map((l) => l.file)).toEqual(files);
    expect(lines[17]?.error).toMatch(/无法读取文件/);
    expect(lines.filter((l) => l.error)).toHaveLength(1);
    expect(err).not.toMatch(/EACCES|Unhandled/);
  });

  it('asks whether an entry is a folder only where the listing cannot tell (a symbolic link)', async () => {
    const linked = await mkdtemp(join(tmpdir(), 'xxgk-check-folder-link-'));
    await mkdir(join(linked, 'more'));
    await copyFile(join(folder, 'r00.txt'), join(linked, 'more', 'r.txt'));
    await symlink(join(linked, 'more'), join(linked, 'link'));
    const asked: string[] = [];
    let out = '';
    const code = await run(['check', linked, '--json'], {
      ...nodeIo,
      isDirectory: (path) => (asked.push(path), nodeIo.isDirectory(path)),
      out: (t) => (out += t),
      err: () => undefined,
    });
    expect(asked).toEqual([linked, join(linked, 'link')]); // the argument itself, then the link: never the plain file or folder
    expect(code).toBeLessThan(2);
    // The folder behind the link is the same folder as `more`: walked once, by its first name.
    expect(out.trim().split('\n').map((l) => (JSON.parse(l) as { file: string }).file)).toEqual([join(linked, 'link', 'r.txt')]);
  });
});
