import { readFileSync } from 'node:fs';
import { Packer } from 'docx';
import { parseReportFile } from '../src/model/report-file';
import type { Report } from '../src/model/report';
import { buildDocx } from '../src/render/docx';
import { renderHtml } from '../src/render/html';
import { renderText } from '../src/render/text';
import { toViewModel } from '../src/render/view-model';
import type { Summary } from './stats';
import { measure } from './stats';

export function loadFixture(path: string): Report {
  const parsed = parseReportFile(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path}: ${JSON.stringify(parsed.problems)}`);
  return parsed.report;
}

/** One full report (sample 003) rendered in-process, warm: view model + each renderer. */
export async function benchRender(fixture: string, runs: number): Promise<Record<string, Summary>> {
  const report = loadFixture(fixture);
  return {
    'view model': await measure(() => toViewModel(report), runs),
    text: await measure(() => renderText(toViewModel(report)), runs),
    HTML: await measure(() => renderHtml(toViewModel(report)), runs),
    'DOCX (build + pack)': await measure(() => Packer.toBuffer(buildDocx(toViewModel(report))), runs),
  };
}
