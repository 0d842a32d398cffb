import { mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';

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

export const nodeIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY === true,
  readFile: (path) => readFile(path),
  writeFile: (path, data) => writeFile(path, data),
  mkdir: async (path) => {
    await mkdir(path, { recursive: true });
  },
  isDirectory: async (path) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false,
  listDirectory: (path) => readdir(path),
  realPath: (path) => realpath(path),
};
