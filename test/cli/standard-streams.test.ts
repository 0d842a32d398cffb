import { describe, expect, it } from 'vitest';
import type { OutputStream } from '../../src/cli/io';
import { OUT_PIECE, standardStreams } from '../../src/cli/io';

/** A stream that records its writes in `log` (shared by stdout and stderr, as `> log 2>&1` is). */
function stream(log: string[], name: string, options: { isTTY?: boolean; failWith?: Error } = {}) {
  const listeners: ((error: Error) => void)[] = [];
  let writes = 0;
  const s: OutputStream & { writes: () => number } = {
    isTTY: options.isTTY,
    write(text, done) {
      writes += 1;
      log.push(`${name}:${text}`);
      // As Node does: the outcome comes after the write returns.
      queueMicrotask(() => {
        done?.(options.failWith ?? null);
        if (options.failWith) for (const listener of listeners) listener(options.failWith);
      });
      return true;
    },
    on(_event, listener) {
      listeners.push(listener);
    },
    writes: () => writes,
  };
  return s;
}

describe('standard output of the CLI', () => {
  it('not a terminal: collected, written in order in pieces of OUT_PIECE, the rest by flushOut', async () => {
    const log: string[] = [];
    const stdout = stream(log, 'out');
    const io = standardStreams(stdout, stream(log, 'err'));
    const lines = Array.from({ length: 2000 }, (_, i) => `{"file":"r${i}.txt","年报":"第${i}份"}\n`);
    for (const [i, line] of lines.entries()) {
      io.out(line);
      if (i === 9) expect(stdout.writes()).toBe(0); // ten short lines: nothing written yet
    }
    const writesBeforeFlush = stdout.writes();
    await io.flushOut();
    const total = lines.join('').length;
    expect(writesBeforeFlush).toBe(Math.floor(total / OUT_PIECE));
    expect(stdout.writes()).toBe(writesBeforeFlush + 1);
    expect(log.map((w) => w.slice('out:'.length)).join('')).toBe(lines.join(''));
    // Every piece but the last is whole lines of at least OUT_PIECE units.
    for (const piece of log.slice(0, -1)) expect(piece.length - 'out:'.length).toBeGreaterThanOrEqual(OUT_PIECE);
    await io.flushOut();
    expect(stdout.writes()).toBe(writesBeforeFlush + 1); // nothing left to write
  });

  it('a terminal: every line is written at once', () => {
    const log: string[] = [];
    const io = standardStreams(stream(log, 'out', { isTTY: true }), stream(log, 'err'));
    io.out('第一行\n');
    io.out('第二行\n');
    expect(log).toEqual(['out:第一行\n', 'out:第二行\n']);
  });

  it('what is collected goes out before anything on standard error (`> log 2>&1` keeps the order)', async () => {
    const log: string[] = [];
    const io = standardStreams(stream(log, 'out'), stream(log, 'err'));
    io.out('a\n');
    io.out('b\n');
    io.err('[2/3] c.txt\n');
    io.out('c\n');
    await io.flushOut();
    expect(log).toEqual(['out:a\nb\n', 'err:[2/3] c.txt\n', 'out:c\n']);
  });

  it('a failed write is thrown by the next write and by flushOut; standard error still works', async () => {
    const log: string[] = [];
    const epipe = Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
    const io = standardStreams(stream(log, 'out', { failWith: epipe }), stream(log, 'err'));
    io.out('x'.repeat(OUT_PIECE)); // written at once, and fails
    await Promise.resolve();
    expect(() => io.out('after\n')).toThrow(epipe);
    await expect(io.flushOut()).rejects.toBe(epipe);
    io.err('xxgk：说明\n');
    expect(log).toEqual([`out:${'x'.repeat(OUT_PIECE)}`, 'err:xxgk：说明\n']);
  });

  it('flushOut reports the failure of the last piece it wrote', async () => {
    const log: string[] = [];
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const io = standardStreams(stream(log, 'out', { failWith: enospc }), stream(log, 'err'));
    io.out('一份\n');
    expect(log).toEqual([]);
    await expect(io.flushOut()).rejects.toBe(enospc);
    expect(log).toEqual(['out:一份\n']);
  });
});
