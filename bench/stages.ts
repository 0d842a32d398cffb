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
 * HTML, averaged), from the median of `rounds` passes (by their total). Not held to one core:
 * what the garbage collector does on its own threads, the asynchronous reads and the findings
 * written as JSON are not in these figures; the whole `xxgk check` process above has them all.
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
  const passes: Map<string, number>[] = [];
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
    passes.push(new Map([...sums].map(([stage, ms]) => [stage, ms / names.length])));
  }
  const tokenizer = '(HTML tokenizer alone)';
  const total = (pass: Map<string, number>) => [...pass].reduce((sum, [stage, ms]) => (stage === tokenizer ? sum : sum + ms), 0);
  const median = [...passes].sort((a, b) => total(a) - total(b))[Math.floor(passes.length / 2)] ?? new Map<string, number>();
  return {
    reports: names.length,
    rounds,
    stages: [...median].filter(([name]) => name !== tokenizer).map(([name, ms]) => ({ name, ms })),
    htmlTokenizerMs: median.get(tokenizer) ?? 0,
  };
}
