import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toViewModel } from '../src/render/view-model';
import { toMarkdown } from './markdown';
import { loadFixture } from './render';
import type { Summary } from './stats';
import { measure } from './stats';

export function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whole processes: `xxgk render` to all three formats vs `pandoc` Markdown → DOCX of the same report. */
export async function benchProcesses(root: string, fixture: string, runs: number): Promise<Record<string, Summary>> {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
  const md = join(dir, 'report.md');
  writeFileSync(md, toMarkdown(toViewModel(loadFixture(fixture))));
  const results: Record<string, Summary> = {
    'xxgk render → docx,html,txt': await measure(
      () => execFileSync('node', [join(root, 'bin/xxgk.mjs'), 'render', fixture, '--out', dir], { stdio: 'ignore' }),
      runs,
      2,
    ),
  };
  if (hasCommand('pandoc'))
    results['pandoc md → docx'] = await measure(
      () => execFileSync('pandoc', [md, '-o', join(dir, 'pandoc.docx')], { stdio: 'ignore' }),
      runs,
      2,
    );
  return results;
}
