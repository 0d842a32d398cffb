import { mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The effects the CLI needs, injectable so tests run the real commands in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard error is a terminal: a progress counter may be redrawn there (never in a log or a pipe). */
  readonly errIsTerminal: boolean;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly writeFile: (path: string, data: string | Uint8Array) => Promise<void>;
  readonly mkdir: (path: string) => Promise<void>;
  readonly isDirectory: (path: string) => Promise<boolean>;
  readonly listDirectory: (path: string) => Promise<string[]>;
  /** The path with every symbolic link resolved, to notice a folder reached twice. */
  readonly realPath: (path: string) => Promise<string>;
}

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** Where a folder cannot be made although the folder above it is there (procfs, sysfs: ENOENT). */
export class CannotCreateHere extends Error {
  readonly code = 'EXXGK_NOT_HERE';
}

/**
 * `mkdir -p`, one level at a time. Node's own recursive mkdir never settles where the system
 * answers ENOENT with the parent folder there (under /proc): it makes the parent and retries, forever.
 */
export async function makeFolders(path: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    const found = await stat(at).catch((error: unknown) => {
      if (codeOf(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (found) {
      // The folder itself is a file: as mkdir says it.
      if (at === resolve(path) && !found.isDirectory()) throw Object.assign(new Error(`EEXIST: ${at}`), { code: 'EEXIST' });
      break;
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (codeOf(error) === 'EEXIST' && (await stat(folder)).isDirectory()) continue; // made meanwhile
      if (codeOf(error) === 'ENOENT') throw new CannotCreateHere(`cannot create ${folder}`);
      throw error;
    }
  }
}

export const nodeIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY === true,
  readFile: (path) => readFile(path),
  writeFile: (path, data) => writeFile(path, data),
  mkdir: makeFolders,
  isDirectory: async (path) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false,
  listDirectory: (path) => readdir(path),
  realPath: (path) => realpath(path),
};
