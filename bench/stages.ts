import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { htmlToLines } from '../src/import/html';
import { nodeUtf8 } from '../src/cli/published';
import { decodeText } from '../src/import/index';
import { importLines, normalizeLines } from '../src/import/import-lines';
import { outline } from '../src/import/structure';
import { textToLines } from '../src/import/text';
import { checkReport } from '../src/rules/check';

/**
 * Where the check at scale spends its time: each stage of `xxgk check` on one published report,
 * timed in this process over the same files, in milliseconds per report (all files, text and
 * HTML, averaged), from the median of `rounds` passes (by their total). Not held to one core:
 * what the garbage collector does on its own threads, listing the folder and the findings
 * written as JSON are not in these figures; the whole `xxgk check` process above has them all.
 */

/** The stages of one report, in pipeline order, with their labels in the table. */
export const STAGES = {
  read: 'read the file',
  decode: 'decode (UTF-8 or GB18030)',
  lines: 'lines (text, or HTML parsed and walked)',
  normalise: 'normalise (traditional, punctuation, odd characters)',
  outline: 'outline (headings, sections)',
  rest: 'import: the rest (tables, texts, validation)',
  check: 'check (H1–H7, S1–S9)',
} as const;

export type Stage = keyof typeof STAGES;

export interface StageTimes {
  readonly reports: number;
  readonly rounds: number;
  /** Stage → ms per report. */
  readonly ms: Readonly<Record<Stage, number>>;
  /** The part of the HTML lines stage that is htmlparser2's tokenizer alone (no callbacks). */
  readonly htmlTokenizerMs: number;
}

type Pass = Record<Stage | 'tokenizer', number>;

export function stageTimes(dir: string, count = 1000, rounds = 5): StageTimes {
  const names = readdirSync(dir).sort().slice(0, count);
  const passes: Pass[] = [];
  for (let round = 0; round < rounds; round++) {
    const sums: Pass = { read: 0, decode: 0, lines: 0, normalise: 0, outline: 0, rest: 0, check: 0, tokenizer: 0 };
    const timed = <T>(stage: keyof Pass, fn: () => T): T => {
      const start = performance.now();
      const result = fn();
      sums[stage] += performance.now() - start;
      return result;
    };
    for (const name of names) {
      const bytes = timed('read', () => readFileSync(join(dir, name)));
      const text = timed('decode', () => decodeText(bytes, nodeUtf8));
      const html = name.endsWith('.html');
      if (html) timed('tokenizer', () => new Parser({}, { decodeEntities: true, lowerCaseTags: true }).end(text));
      const lines = timed('lines', () => (html ? htmlToLines(text) : textToLines(text)));
      // importLines normalises and outlines too: those two are timed apart and taken out of it.
      const normalized = timed('normalise', () => normalizeLines(lines));
      timed('outline', () => outline(normalized.lines));
      const { report } = timed('rest', () => importLines(lines));
      timed('check', () => checkReport(report));
    }
    sums.rest = Math.max(0, sums.rest - sums.normalise - sums.outline);
    for (const stage of Object.keys(sums) as (keyof Pass)[]) sums[stage] /= names.length;
    passes.push(sums);
  }
  const total = (pass: Pass) => (Object.keys(STAGES) as Stage[]).reduce((sum, stage) => sum + pass[stage], 0);
  const { tokenizer, ...ms } = [...passes].sort((a, b) => total(a) - total(b))[Math.floor(passes.length / 2)] as Pass;
  return { reports: names.length, rounds, ms, htmlTokenizerMs: tokenizer };
}
