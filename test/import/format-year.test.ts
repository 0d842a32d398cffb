import { describe, expect, it } from 'vitest';
import { importHtml, importText } from '../../src/import';
import { renderHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { checkReport } from '../../src/rules/check';
import { consistentReport } from '../support/build-report';

describe('a published report in the format of another year', () => {
  it('is read in the format its tables use, and the checker reports the mismatch once (H7:format)', () => {
    const published = renderText(toViewModel({ ...consistentReport('2019', { 'apply.N.p': 3, 'apply.R6.p': 3 }), year: 2022 }));
    const { report, format, diagnostics } = importText(published);
    expect([format, report.year]).toEqual(['2019', 2022]);
    expect(diagnostics.filter((d) => /年版/.test(d.message))).toEqual([]);
    const h7 = checkReport(report).filter((v) => v.code === 'H7');
    expect(h7.map((v) => [v.key, v.severity, v.expected, v.actual])).toEqual([['H7:format', 'error', '2021', '2019']]);
  });

  it('is read in that format from a web page too, where every label stands in a table cell', () => {
    const page = renderHtml(toViewModel({ ...consistentReport('2019', { 'apply.N.p': 3, 'apply.R6.p': 3 }), year: 2022 }));
    const { report, format } = importHtml(page);
    expect([format, report.year]).toEqual(['2019', 2022]);
    expect(report.cells['apply.N.p']).toBe(3);
  });
});
