import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report';
import { checkReport } from '../../src/rules/check';
import { NARRATIVE_PATTERNS, extractNarrativeFigures, sentences } from '../../src/rules/narrative';
import { consistentReport } from '../support/build-report';

const withLead = (report: Report, lead: string): Report => ({ ...report, overview: { ...report.overview, lead } });
const base = () =>
  consistentReport('2021', {
    'apply.N.p': 10,
    'apply.C.p': 2,
    'apply.R1.p': 12,
    'appeal.cases.reviewUpheld': 1,
    'appeal.cases.directUpheld': 2,
    'active1.normative.issued': 3,
    'active1.normative.inForce': 3,
  });
const s6 = (r: Report) => checkReport(r).filter((v) => v.code === 'S6');
/** An S6 key without its sentence fingerprint. */
const kindOf = (key: string) => key.replace(/^S6:(\w+):[0-9a-f]{8}$/, '$1');
const kinds = (text: string) => extractNarrativeFigures(withLead(base(), text)).map((f) => [f.kind, f.value]);

describe('extractNarrativeFigures', () => {
  it('reads the figures a sentence states, with the sentence and its field', () => {
    const figures = extractNarrativeFigures(
      withLead(base(), '全年共受理政府信息公开申请202件（其中，网络申请125件、信函40件）。办理政府信息公开申请157件。处理行政复议案件1件、行政诉讼案件5件。制发行政规范性文件3件。'),
    );
    expect(figures.map((f) => [f.kind, f.value, f.parts ?? null])).toEqual([
      ['received', 202, null],
      ['breakdown', 202, [125, 40]],
      ['handled', 157, null],
      ['reviews', 1, null],
      ['lawsuits', 5, null],
      ['normativeIssued', 3, null],
    ]);
    expect(figures[0]).toMatchObject({ field: 'overview.lead', section: '一' });
  });

  it('reads carry-overs and counts in 部', () => {
    const figures = extractNarrativeFigures(withLead(base(), '上年结转申请2件，结转下年度继续办理3件。发布规章11部，其中新制定2部、修订9部。'));
    expect(figures.map((f) => [f.kind, f.value, f.parts ?? null])).toEqual([
      ['carriedIn', 2, null],
      ['carriedOver', 3, null],
      ['breakdown', 11, [2, 9]],
    ]);
    expect(s6(withLead(base(), '上年结转申请2件，结转下年度继续办理3件。')).map((v) => [kindOf(v.key), v.expected])).toEqual([
      ['carriedOver', 0],
    ]);
  });

  it('does not take a request for 行政复议 or a complaint for a disclosure application', () => {
    expect(kinds('收到行政复议申请3件。')).toEqual([['reviews', 3]]);
    expect(kinds('受理群众投诉申请12件，收到政府信息公开申请10件。')).toEqual([['received', 10]]);
    expect(kinds('办结信访申请8件。')).toEqual([]);
  });

  it('reads "none" statements within one clause only', () => {
    expect(kinds('本年度未收到政府信息公开行政复议、行政诉讼。')).toEqual([
      ['noReviews', 0],
      ['noLawsuits', 0],
    ]);
    expect(kinds('本年度未收到行政复议，发生行政诉讼2件。')).toEqual([
      ['lawsuits', 2],
      ['noReviews', 0],
    ]);
    expect(kinds('无新增主动公开栏目，行政复议1件。')).toEqual([['reviews', 1]]);
    expect(kinds('申请人因无法获取信息申请行政复议。')).toEqual([]);
  });

  it('reads only issued 规范性文件, not repealed ones or those in force', () => {
    expect(kinds('制发行政规范性文件3件，废止规范性文件2件，现行有效规范性文件20件。')).toEqual([['normativeIssued', 3]]);
    expect(kinds('清理规范性文件15件。')).toEqual([]);
    expect(kinds('现行有效规范性文件20件。')).toEqual([]);
    expect(kinds('全年印发区政府规范性文件4件。')).toEqual([['normativeIssued', 4]]);
  });

  it('does not read figures from sentences about other things', () => {
    expect(extractNarrativeFigures(withLead(base(), '县长信箱累计收件104件，办结104件。受理咨询电话500余个。'))).toEqual([]);
  });
});

describe('S6 narrative ↔ table', () => {
  it('accepts texts that agree with the tables', () => {
    const r = withLead(base(), '收到政府信息公开申请10件，办理政府信息公开申请12件。行政复议1件，行政诉讼2件。制发规范性文件3件。');
    expect(s6(r)).toEqual([]);
  });

  it('quotes the sentence whose figure disagrees with the table', () => {
    const r = withLead(base(), '本年共收到政府信息公开申请11件。');
    const [v] = s6(r);
    expect(v).toMatchObject({ expected: 10, actual: 11, severity: 'warning' });
    expect(v?.key).toMatch(/^S6:received:[0-9a-f]{8}$/);
    expect(v?.message).toBe(
      '一、总体情况中“本年共收到政府信息公开申请11件。”：申请 11 件，与三、收到和处理政府信息公开申请情况“一、本年新收政府信息公开申请数量”总计 10 不一致',
    );
  });

  it('flags "未收到行政复议、行政诉讼" when section 四 has cases, and parts that exceed their total', () => {
    const r = withLead(base(), '本年度未收到政府信息公开行政复议、行政诉讼。主动公开信息50条，其中政策文件30条、政策解读30条。');
    expect(s6(r).map((v) => kindOf(v.key)).sort()).toEqual(['breakdown', 'noLawsuits', 'noReviews']);
  });

  it('keys a finding by its sentence, so a note stays with it when blocks move, and lapses when it is rewritten', () => {
    const sentence = '本年共收到政府信息公开申请11件。';
    const at = (i: number, text: string) => {
      const r = base();
      const blocks = r.overview.blocks.map((b, j) => (j === i ? { ...b, text } : b));
      return s6({ ...r, overview: { ...r.overview, blocks } }).map((v) => v.key);
    };
    const [first] = at(0, sentence);
    expect(first).toMatch(/^S6:received:[0-9a-f]{8}$/);
    expect(at(3, sentence)).toEqual([first]);
    expect(at(0, '本年共收到政府信息公开申请12件。')).not.toEqual([first]);
    // The same sentence twice gives two findings with distinct keys.
    const twice = s6(withLead(base(), `${sentence}${sentence}`)).map((v) => v.key);
    expect(new Set(twice).size).toBe(2);
  });
});

/** Pieces of the sentences the patterns read, whole and broken up, with the characters that end one. */
const PIECES = [
  '收到', '受理', '新收', '接收', '办理', '办结', '申请', '申', '请', '上年', '上年度', '结转', '结', '转', '至', '到', '下', '下一年', '年度',
  '行政复议', '行政', '复议', '行政诉讼', '诉讼', '诉', '讼', '案件', '规范性文件', '规范性', '文件', '制发', '印发', '废止', '未收到', '没有', '无',
  '其中', '其', '中', '件', '条', '部', '份', '个', '宗', '起', '：', '，', '、', ',', '和', '及', '（', '）', '(', ')', ' ', '3', '12', '0',
  '。', '；', ';', '！', '!', '？', '?', '\n', '\r',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(''));

describe('sentences', () => {
  it('splits after 。；;！!？? and at line breaks, trims and drops empty sentences', () => {
    expect(sentences(' 一是甲。\n二是乙；三\n\n四？ ')).toEqual(['一是甲。', '二是乙；', '三', '四？']);
  });

  it('agrees with splitting by the expression it replaces', () => {
    const bySplit = (t: string) => t.split(/(?<=[。；;！!？?])|\n/).map((s) => s.trim()).filter(Boolean);
    fc.assert(
      fc.property(text, (t) => {
        expect(sentences(t)).toEqual(bySplit(t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('NARRATIVE_PATTERNS', () => {
  it('match only sentences holding the word each needs (the word rules a sentence out before the expression runs)', () => {
    fc.assert(
      fc.property(text, (t) => NARRATIVE_PATTERNS.every(({ needs, re }) => !re.test(t) || t.includes(needs))),
      { numRuns: 20000 },
    );
  });
});
