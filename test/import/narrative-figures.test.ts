import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/text';
import { extractNarrativeFigures } from '../../src/rules/narrative';

/**
 * The importer feeds S6 (narrative ↔ table): the figures the published texts state must come
 * out of the imported narrative fields. The extractor is the lead's (src/rules/narrative.ts).
 */
const SAMPLES = resolve(__dirname, '../../../shared/samples');
const figures = (n: string) => {
  const file = readdirSync(SAMPLES).find((f) => f.startsWith(n)) ?? '';
  const { report } = importText(readFileSync(resolve(SAMPLES, file), 'utf8'));
  return extractNarrativeFigures(report).map((f) => ({ kind: f.kind, value: f.value, parts: f.parts ?? null, field: f.field }));
};

describe('narrative figures of the imported samples (spec §5)', () => {
  it('000: 收到…申请 7 条 in the 依申请公开 block', () => {
    expect(figures('000')).toContainEqual({ kind: 'received', value: 7, parts: null, field: 'overview.blocks[1].text' });
  });

  it('001: 办理申请 157 件, 行政复议 1 件, 行政诉讼 5 件', () => {
    const f = figures('001');
    expect(f).toContainEqual({ kind: 'handled', value: 157, parts: null, field: 'overview.blocks[3].text' });
    expect(f).toContainEqual(expect.objectContaining({ kind: 'reviews', value: 1 }));
    expect(f).toContainEqual(expect.objectContaining({ kind: 'lawsuits', value: 5 }));
  });

  it('002: 1 件 received, and 未收到复议、诉讼 from the note above the 四 table', () => {
    const f = figures('002');
    expect(f).toContainEqual({ kind: 'received', value: 1, parts: null, field: 'tableNotes.applications' });
    expect(f).toContainEqual({ kind: 'noReviews', value: 0, parts: null, field: 'tableNotes.appeals' });
    expect(f).toContainEqual({ kind: 'noLawsuits', value: 0, parts: null, field: 'tableNotes.appeals' });
  });

  it('003: 受理申请 202 件 = 125 + 40 + 2 + 35', () => {
    const f = figures('003');
    expect(f).toContainEqual(expect.objectContaining({ kind: 'received', value: 202 }));
    expect(f).toContainEqual(expect.objectContaining({ kind: 'breakdown', value: 202, parts: [125, 40, 2, 35] }));
  });

  it('004: 办理 26 件 vs 收到 24 件, 收到 1 件行政复议, 无…行政诉讼 (no tables to compare with)', () => {
    expect(figures('004')).toEqual([
      { kind: 'handled', value: 26, parts: null, field: 'overview.lead' },
      { kind: 'received', value: 24, parts: null, field: 'overview.blocks[1].text' },
      { kind: 'reviews', value: 1, parts: null, field: 'overview.blocks[1].text' },
      { kind: 'noLawsuits', value: 0, parts: null, field: 'overview.blocks[1].text' },
    ]);
  });
});
