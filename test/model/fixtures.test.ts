import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { cellsOf } from '../../src/model/formats';
import type { CellValue, Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { parseReportFile, serializeReport } from '../../src/model/report-file';

/** The five published samples (shared/samples/000…004), encoded as report files. */
const SAMPLES = ['000', '001', '002', '003', '004'] as const;
type Sample = (typeof SAMPLES)[number];

const fixtureText = (n: Sample) => readFileSync(resolve(__dirname, '../fixtures', `sample-${n}.json`), 'utf8');

function load(n: Sample): Report {
  const result = parseReportFile(fixtureText(n));
  if (!result.ok) throw new Error(`sample-${n}.json: ${JSON.stringify(result.problems)}`);
  return result.report;
}

const reports = Object.fromEntries(SAMPLES.map((n) => [n, load(n)])) as Record<Sample, Report>;
const cell = (n: Sample, id: string): CellValue => cellValue(reports[n], id);
const row = (n: Sample, table: string, rowId: string, columns: readonly string[]) =>
  columns.map((c) => cell(n, `${table}.${rowId}.${c}`));

const APPLICANTS = ['p', 'b', 'r', 's', 'l', 'o', 't'] as const;
const APPEAL_COLUMNS = ['review', 'direct', 'after'].flatMap((g) =>
  ['Upheld', 'Corrected', 'Other', 'Pending', 'Total'].map((o) => `${g}${o}`),
);
const appealRow = (n: Sample) => row(n, 'appeal', 'cases', APPEAL_COLUMNS);

/** Every user-visible text of a report, with where it sits. */
function textsOf(report: Report): [string, string][] {
  return [
    ['agency.name', report.agency.name],
    ['intro', report.intro],
    ['overview.lead', report.overview.lead],
    ...report.overview.blocks.flatMap((b, i): [string, string][] => [
      [`overview.blocks[${i}].title`, b.title],
      [`overview.blocks[${i}].text`, b.text],
    ]),
    ['tableNotes.active', report.tableNotes.active],
    ['tableNotes.applications', report.tableNotes.applications],
    ['tableNotes.appeals', report.tableNotes.appeals],
    ['problems.lastYear', report.problems.lastYear],
    ['problems.thisYear', report.problems.thisYear],
    ['other.items', report.other.items],
  ];
}

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const PINYIN_JUNK = /\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/u;
const HALF_WIDTH_BY_CJK = /\p{Script=Han}[():,;]|[():,;]\p{Script=Han}/u;

describe('sample fixtures', () => {
  it.each(SAMPLES)('sample-%s.json parses and is in canonical form', (n) => {
    expect(serializeReport(reports[n])).toBe(fixtureText(n));
  });

  it('records format, agency, year and publication date of each sample', () => {
    const meta = SAMPLES.map((n) => {
      const r = reports[n];
      return [r.format, r.agency.name, r.agency.kind, r.year, r.publicationDate];
    });
    expect(meta).toEqual([
      ['2021', '新晃县人民政府', 'government', 2022, null],
      ['2019', '江西省人民政府办公厅', 'department', 2019, null],
      ['2021', '咸宁市地方金融工作局', 'department', 2022, '2023-01-16'],
      ['2021', '沈阳市皇姑区人民政府', 'government', 2023, '2024-02-18'],
      ['2021', '定海区人民政府', 'government', 2022, null],
    ]);
  });

  describe.each(SAMPLES)('texts of sample %s', (n) => {
    const texts = textsOf(reports[n]).filter(([, t]) => t !== '');

    it('are simplified Chinese (t2cn leaves them unchanged)', () => {
      for (const [where, t] of texts) expect(toSimplified(t), where).toBe(t);
    });

    it('carry no pinyin junk and no half-width punctuation beside Chinese characters', () => {
      for (const [where, t] of texts) {
        expect(t, where).not.toMatch(PINYIN_JUNK);
        expect(t, where).not.toMatch(HALF_WIDTH_BY_CJK);
        expect(t, where).not.toMatch(/^\s|\s$|\|/);
      }
    });
  });

  it('keeps the overview subsections in published order with their topics', () => {
    const topics = SAMPLES.map((n) => reports[n].overview.blocks.map((b) => b.topic));
    expect(topics[0]).toEqual(['proactive', 'onRequest', 'other', 'management', 'platform', 'oversight']);
    expect(topics[1]).toEqual(['other', 'proactive', 'other', 'onRequest', 'platform', 'oversight']);
    for (const t of topics.slice(2)) expect(t).toEqual(['proactive', 'onRequest', 'management', 'platform', 'oversight']);
    expect(reports['000'].overview.blocks[2]?.title).toBe('回应关切情况');
    expect(reports['000'].overview.blocks[0]?.text).toMatch(/^2022年新晃县政府门户网站公开各类政府信息4628条/);
  });

  it('has an intro with the statistical period only where the sample has one (S8)', () => {
    expect(reports['000'].intro).toBe('');
    expect(reports['002'].intro).toBe('');
    expect(reports['001'].intro).toContain('统计期限从2019年1月1日到12月31日止');
    expect(reports['003'].intro).toContain('统计期限为2023年1月1日至2023年12月31日');
    expect(reports['004'].intro).toContain('统计期限为2022年1月1日至2022年12月31日');
  });

  it('splits sample 002’s section 五 into last year’s fixes and this year’s problems', () => {
    const { lastYear, thisYear } = reports['002'].problems;
    expect(lastYear).toMatch(/^存在问题：一是工作人员对业务还不够熟练/);
    expect(lastYear).toContain('增长62.5%');
    expect(thisYear).toMatch(/^存在问题：一是随着国家/);
    for (const n of ['000', '001', '003', '004'] as const) expect(reports[n].problems.lastYear).toBe('');
  });

  it('encodes section 六 fee figures only where the text states them', () => {
    const fees = SAMPLES.map((n) => {
      const o = reports[n].other;
      return [o.feeNotices, o.feeNoticeAmount, o.feeCollected];
    });
    expect(fees).toEqual([
      [null, null, null],
      [null, null, null],
      [0, '0', '0'],
      [0, '0', '0'],
      [0, '0', '0'],
    ]);
    expect(reports['000'].other.items).toBe('其他需要报告的事项无。');
    expect(reports['001'].other.items).toBe('');
    expect(reports['002'].other.items.split('\n')).toHaveLength(3);
    expect(reports['004'].other.items).toBe('无其他需要报告的事项。');
  });

  it('keeps table notes of sample 002 and none elsewhere', () => {
    expect(reports['002'].tableNotes.appeals).toBe('2022年未收到政府信息公开行政复议、行政诉讼。');
    expect(reports['002'].tableNotes.active).toContain('主动公开政府信息54条');
    for (const n of ['000', '001', '003', '004'] as const) {
      expect(Object.values(reports[n].tableNotes).join('')).toBe('');
    }
  });
});

describe('sample cells (spec §5.1)', () => {
  it('000: 商业企业 blank in all 25 rows, the rest as published', () => {
    const b = cellsOf('2021').filter((c) => c.table.id === 'apply' && c.column.id === 'b');
    expect(b).toHaveLength(25);
    for (const c of b) expect(cell('000', c.id), c.id).toBeNull();
    expect(row('000', 'apply', 'N', APPLICANTS)).toEqual([7, null, 0, 0, 0, 0, 7]);
    expect([cell('000', 'apply.R1.p'), cell('000', 'apply.R2.p'), cell('000', 'apply.R3_8.p')]).toEqual([4, 2, 1]);
    expect(row('000', 'active1', 'normative', ['issued', 'repealed', 'inForce'])).toEqual([11, 17, 47]);
    expect(cell('000', 'active8.fees.amount')).toBe('3569');
    expect(appealRow('000')).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
    const blanks = cellsOf('2021').filter((c) => cell('000', c.id) === null);
    expect(blanks.map((c) => c.id)).toEqual(b.map((c) => c.id));
  });

  it('001: keeps the published （七）总计 86 / 157 that the leaves contradict', () => {
    expect(cell('001', 'apply.R7.p')).toBe(86);
    expect(cell('001', 'apply.R7.t')).toBe(157);
    expect(cell('001', 'apply.N.t')).toBe(155);
    expect(cell('001', 'apply.C.t')).toBe(2);
    const leaves = cellsOf('2019').filter((c) => c.table.id === 'apply' && /^R[1-6]/.test(c.row.id));
    const sum = (col: string) =>
      leaves.filter((c) => c.column.id === col).reduce((s, c) => s + Number(cell('001', c.id)), 0);
    expect([sum('p'), sum('t')]).toEqual([87, 158]);
    expect(cell('001', 'active9.procurement.amount')).toBe('493.5');
    expect(cell('001', 'active9.procurement.projects')).toBe(76);
    expect(row('001', 'active1', 'rules', ['made', 'published', 'total'])).toEqual([11, 11, 166]);
    expect(appealRow('001')).toEqual([1, 0, 0, 0, 1, 5, 0, 0, 0, 5, 0, 0, 0, 0, 0]);
  });

  it('002: one application, all of 四 zero', () => {
    expect(row('002', 'apply', 'N', APPLICANTS)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cell('002', 'apply.R1.t')).toBe(1);
    expect(cell('002', 'apply.R7.t')).toBe(1);
    expect(row('002', 'active1', 'normative', ['issued', 'repealed', 'inForce'])).toEqual([1, 0, 3]);
    expect(cell('002', 'active8.fees.amount')).toBe('0');
    expect(appealRow('002')).toEqual(Array(15).fill(0));
  });

  it('003: 202 in, 201 handled, 1 carried out; the vertically split 四 header read in order', () => {
    expect(cell('003', 'apply.N.t')).toBe(202);
    expect(cell('003', 'apply.R7.t')).toBe(201);
    expect(cell('003', 'apply.F.t')).toBe(1);
    expect(cell('003', 'apply.R4_1.p')).toBe(126);
    expect(cell('003', 'apply.R6_3.t')).toBe(10);
    expect(cell('003', 'active5.license.decisions')).toBe(31909);
    expect(cell('003', 'active8.fees.amount')).toBe('10644');
    expect(appealRow('003')).toEqual([2, 1, 2, 0, 5, 0, 0, 1, 1, 2, 1, 0, 0, 1, 2]);
  });

  it('004: no tables were published, so every cell is blank', () => {
    for (const c of cellsOf('2021')) expect(cell('004', c.id), c.id).toBeNull();
  });

  // Typos in the encoding would show up here: the published tables satisfy H1 and H2 [spec §5.1].
  it.each(['000', '001', '002', '003'] as const)('%s: every 三 row total and column balance holds as published', (n) => {
    const rows = [...new Set(cellsOf(reports[n].format).filter((c) => c.table.id === 'apply').map((c) => c.row.id))];
    const v = (r: string, c: string) => Number(cell(n, `apply.${r}.${c}`) ?? 0);
    for (const r of rows) {
      expect(v(r, 't'), r).toBe(APPLICANTS.slice(0, 6).reduce((s, c) => s + v(r, c), 0));
    }
    for (const c of APPLICANTS) expect(v('N', c) + v('C', c), c).toBe(v('R7', c) + v('F', c));
  });
});
