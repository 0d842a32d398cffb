import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { htmlToLines } from '../src/import/html';
import { decodeText } from '../src/import/index';
import { importLines, normalizeLines } from '../src/import/import-lines';
import { outline } from '../src/import/structure';
import { textToLines } from '../src/import/text';
import { checkReport } from '../src/rules/check';

/**
 * Where the check at scale spends its time: each stage of `xxgk check` on one published report,
 * timed in this process over the same files, in milliseconds per report (all files, text and
 * HTML, averaged). The stages add up to the whole but for the file system's and the CLI's own
 * work (folder walk, findings to JSON). Each stage's figure is its fastest of `rounds` passes,
 * so that other processes on the machine inflate it as little as possible.
 */

export interface StageTimes {
  readonly reports: number;
  readonly rounds: number;
  /** Stage → ms per report, in pipeline order. */
  readonly stages: readonly { readonly name: string; readonly ms: number }[];
  /** The part of the HTML lines stage that is htmlparser2's tokenizer alone (no callbacks). */
  readonly htmlTokenizerMs: number;
}

export function stageTimes(dir: string, count = 1000, rounds = 5): StageTimes {
  const names = readdirSync(dir).sort().slice(0, count);
  const best = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    const sums = new Map<string, number>();
    const timed = <T>(stage: string, fn: () => T): T => {
      const start = performance.now();
      const result = fn();
      sums.set(stage, (sums.get(stage) ?? 0) + performance.now() - start);
      return result;
    };
    for (const name of names) {
      const bytes = timed('read the file', () => readFileSync(join(dir, name)));
      const text = timed('decode (UTF-8 or GB18030)', () => decodeText(bytes));
      const html = name.endsWith('.html');
      if (html) timed('(HTML tokenizer alone)', () => new Parser({}, { decodeEntities: true, lowerCaseTags: true }).end(text));
      const lines = timed('lines (text, or HTML parsed and walked)', () => (html ? htmlToLines(text) : textToLines(text)));
      // importLines normalises and outlines too: those two are timed apart and taken out of it.
      const normalized = timed('normalise (traditional, punctuation, odd characters)', () => normalizeLines(lines));
      timed('outline (headings, sections)', () => outline(normalized.lines));
      const { report } = timed('import: the rest (tables, texts, validation)', () => importLines(lines));
      timed('check (H1–H7, S1–S9)', () => checkReport(report));
    }
    const rest = 'import: the rest (tables, texts, validation)';
    const restMs = (sums.get(rest) ?? 0) - (sums.get('normalise (traditional, punctuation, odd characters)') ?? 0) - (sums.get('outline (headings, sections)') ?? 0);
    sums.set(rest, Math.max(0, restMs));
    for (const [stage, ms] of sums) best.set(stage, Math.min(best.get(stage) ?? Infinity, ms / names.length));
  }
  const tokenizer = '(HTML tokenizer alone)';
  return {
    reports: names.length,
    rounds,
    stages: [...best].filter(([name]) => name !== tokenizer).map(([name, ms]) => ({ name, ms })),
    htmlTokenizerMs: best.get(tokenizer) ?? 0,
  };
}
