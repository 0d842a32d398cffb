import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The effects the CLI needs, injectable so tests run the real commands in-process. */
export interface CliIo {
  /** Writes to standard output; throws the system's error (ENOSPC, EPIPE…) once standard output has failed. */
  readonly out: (text: string) => void;
  /** Settles once everything given to `out` is written; rejects with the system's error if that failed. */
  readonly flushOut: () => Promise<void>;
  /** Writes to standard error; a failure there is dropped (there is nowhere left to say it). */
  readonly err: (text: string) => void;
  /** Standard error is a terminal: a progress counter may be redrawn there (never in a log or a pipe). */
  readonly errIsTerminal: boolean;
  /** The file's size in bytes, known before it is read: a huge file is refused without reading it. */
  readonly fileSize: (path: string) => Promise<number>;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly writeFile: (path: string, data: string | Uint8Array) => Promise<void>;
  readonly mkdir: (path: string) => Promise<void>;
  readonly isDirectory: (path: string) => Promise<boolean>;
  /** The entries of a folder; `isDirectory` is left out where the listing cannot tell (a symbolic link): ask isDirectory then. */
  readonly listDirectory: (path: string) => Promise<DirectoryEntry[]>;
  /** The path with every symbolic link resolved, to notice a folder reached twice. */
  readonly realPath: (path: string) => Promise<string>;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly isDirectory?: boolean;
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

/** The parts of process.stdout and process.stderr the CLI uses. */
export interface OutputStream {
  readonly isTTY?: boolean;
  write(text: string, done?: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Standard output not on a terminal is written in pieces of about this many UTF-16 units. */
export const OUT_PIECE = 32 * 1024;

/**
 * Standard output and error. Node reports a failed write (a full disk, a reader gone from the pipe)
 * as an 'error' event after the write, not as a throw: the failure is kept and thrown by the next
 * write, and by `flushOut` for the last one. Without a listener the event is a crash.
 *
 * Standard output that is not a terminal (a file, a pipe) is collected and written in pieces, as
 * other Unix tools do: `check --json` of 10,000 reports would otherwise make 10,000 writes, a fiftieth
 * of its run. A terminal gets every line at once. Whatever is collected is written before anything
 * goes to standard error, so that `> log 2>&1` keeps the order in which both were written.
 */
export function standardStreams(stdout: OutputStream, stderr: OutputStream): Pick<CliIo, 'out' | 'flushOut' | 'err'> {
  let failure: { error: unknown } | undefined;
  let pending = 0;
  const idle: (() => void)[] = [];
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    stdout.on('error', (error) => (failure ??= { error }));
    stderr.on('error', () => undefined);
  };
  const piece = stdout.isTTY === true ? 0 : OUT_PIECE;
  let collected: string[] = [];
  let collectedLength = 0;
  const write = () => {
    if (collected.length === 0) return;
    const text = collected.length === 1 ? (collected[0] as string) : collected.join('');
    collected = [];
    collectedLength = 0;
    listen();
    pending += 1;
    stdout.write(text, (error) => {
      if (error) failure ??= { error };
      pending -= 1;
      if (pending === 0) for (const settle of idle.splice(0)) settle();
    });
  };
  return {
    out: (text) => {
      if (failure) throw failure.error;
      collected.push(text);
      collectedLength += text.length;
      if (collectedLength >= piece) write();
    },
    flushOut: async () => {
      if (!failure) write();
      if (pending > 0) await new Promise<void>((settle) => idle.push(settle));
      if (failure) throw failure.error;
    },
    err: (text) => {
      if (!failure) write();
      listen();
      stderr.write(text);
    },
  };
}

/**
 * The reads are synchronous: `check` reads one file after another and has nothing else to do
 * meanwhile, and on one core each asynchronous stat or read costs a round trip through libuv's
 * thread pool that takes longer than the read itself (about a tenth of the run for 10,000 reports).
 * A folder's entries come with their types, so its files need no stat each.
 */
export const nodeIo: CliIo = {
  ...standardStreams(process.stdout, process.stderr),
  errIsTerminal: process.stderr.isTTY === true,
  fileSize: async (path) => statSync(path).size,
  readFile: async (path) => readFileSync(path),
  writeFile: (path, data) => writeFile(path, data),
  mkdir: makeFolders,
  isDirectory: async (path) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false,
  listDirectory: async (path) =>
    readdirSync(path, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      // A symbolic link is followed by isDirectory. (Node itself stats an entry whose type the file system does not give.)
      ...(entry.isSymbolicLink() ? {} : { isDirectory: entry.isDirectory() }),
    })),
  realPath: (path) => realpath(path),
};
