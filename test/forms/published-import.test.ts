import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  importDocument,
  importedFrom,
  isPdf,
  isReportFile,
  judgeImport,
  loadAndImport,
  pastedDocument,
} from '../../src/forms/published-import';
import { importText } from '../../src/import/index';
import { cellValue } from '../../src/model/report';
import { hasContent } from '../../src/model/report-content';

const SAMPLES = resolve(import.meta.dirname, '../../../shared/samples');
const sample003 = () => {
  const name = readdirSync(SAMPLES).find((n) => n.startsWith('003_'));
  if (!name) throw new Error('sample 003 missing');
  return readFileSync(resolve(SAMPLES, name), 'utf8');
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe('importDocument', () => {
  it('imports pasted published text with the figures and the H7 label deviations', async () => {
    const outcome = await importDocument(pastedDocument(sample003()));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { report, diagnostics } = outcome.result;
    expect(report.year).toBe(2023);
    expect(cellValue(report, 'apply.N.t')).toBe(202);
    expect(diagnostics.map((d) => d.message)).toContain('二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”');
  });

  it('refuses a .docx that is not a zip with the importer’s reason', async () => {
    const outcome = await importDocument({ name: '年报.docx', bytes: bytes('这不是压缩文件') });
    expect(outcome).toEqual({
      ok: false,
      notice: {
        kind: 'error',
        text: '没有从“年报.docx”中读到年报内容，未做任何改动。',
        details: ['文件不是有效的 DOCX（无法解压）'],
      },
    });
  });

  it('refuses text that is not a report, without the “暂按…年导入” notes of a partial import', async () => {
    const outcome = await importDocument(pastedDocument('今天天气很好。\n明天也是。'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.notice.details?.join('')).toContain('没有找到年报的统计表格');
    expect(outcome.notice.details?.join('')).not.toContain('暂按');
  });

  it('refuses an empty text with the general reason, not the notes of an import that read nothing', async () => {
    const outcome = await importDocument(pastedDocument(''));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.notice.details?.join('')).toContain('没有找到年报的统计表格');
    expect(outcome.notice.details?.join('')).not.toContain('暂按');
  });

  it('turns an importer failure into a message, never a stack trace', async () => {
    const outcome = await importDocument(pastedDocument('x'), () => Promise.reject(new Error('意外')));
    expect(outcome).toEqual({
      ok: false,
      notice: { kind: 'error', text: '导入“粘贴的文本”时出错，未做任何改动。', details: ['读取时出错（技术信息：意外）'] },
    });
  });

  it('keeps the importer’s diagnostics with the purpose for the draft record', async () => {
    const result = await loadAndImport(pastedDocument(sample003()));
    const imported = importedFrom('003.txt', 'draft', result);
    expect(imported.name).toBe('003.txt');
    expect(imported.diagnostics).toEqual(result.diagnostics.map((d) => ({ ...d })));
    expect(imported.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('judgeImport', () => {
  it('accepts a document of which only the narrative was read', () => {
    const result = importText('某市某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度公开信息100条。');
    expect(hasContent(result.report)).toBe(true);
    expect(judgeImport('a.txt', result).ok).toBe(true);
  });

  it('treats an import with no cell and no text as nothing read', () => {
    const result = importText('');
    expect(hasContent(result.report)).toBe(false);
    expect(judgeImport('a.txt', result).ok).toBe(false);
  });
});

describe('file kinds', () => {
  it('tells report files from published documents by name or by content', () => {
    expect(isReportFile({ name: 'last.json', bytes: bytes('') })).toBe(true);
    expect(isReportFile({ name: 'last', bytes: bytes('\uFEFF  {"kind":"xxgk-report"}') })).toBe(true);
    expect(isReportFile({ name: 'last.txt', bytes: bytes('沈阳市皇姑区2023年政府信息公开工作年度报告') })).toBe(false);
    expect(isReportFile({ name: 'last.pdf', bytes: bytes('%PDF-1.7') })).toBe(false);
  });

  it('knows a PDF by its magic bytes or its name, as the importer does', () => {
    expect(isPdf({ name: 'x', bytes: bytes('%PDF-1.4') })).toBe(true);
    expect(isPdf({ name: 'X.PDF', bytes: bytes('') })).toBe(true);
    expect(isPdf({ name: 'x.docx', bytes: bytes('PK') })).toBe(false);
  });
});
