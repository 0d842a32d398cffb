import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { chineseNumeral, oneLine, overviewHeadings, paragraphs, problemHeadings } from '../../src/render/wording';
import { consistentReport } from '../support/build-report';

describe('chineseNumeral', () => {
  it('writes 1–99 in Chinese numerals and larger numbers in digits', () => {
    const cases: [number, string][] = [
      [1, '一'], [9, '九'], [10, '十'], [11, '十一'], [15, '十五'], [16, '十六'], [20, '二十'],
      [21, '二十一'], [40, '四十'], [99, '九十九'], [100, '100'], [0, '0'],
    ];
    for (const [n, text] of cases) expect(chineseNumeral(n)).toBe(text);
  });
});

describe('overviewHeadings', () => {
  it('numbers past 十五 (no "（undefined）") and gives blocks without content no number', () => {
    const blocks = Array.from({ length: 22 }, (_, i) => ({ topic: 'other' as const, title: `第${i + 1}块`, text: i === 1 ? '' : '内容' }));
    blocks[1] = { topic: 'other', title: '', text: '' };
    const headings = overviewHeadings(blocks);
    expect(headings[0]).toEqual({ text: '（一）第1块', printed: true });
    expect(headings[1]).toEqual({ text: '其他', printed: false });
    expect(headings[2]).toEqual({ text: '（二）第3块', printed: true });
    expect(headings[21]).toEqual({ text: '（二十一）第22块', printed: true });
    const printed = toViewModel({ ...consistentReport('2021'), overview: { lead: '', blocks } })
      .sections[0]?.blocks.filter((b) => b.kind === 'subheading')
      .map((b) => (b.kind === 'subheading' ? b.text : ''));
    expect(printed).toEqual(headings.filter((h) => h.printed).map((h) => h.text));
    expect(printed?.join('')).not.toContain('undefined');
  });
});

describe('problemHeadings', () => {
  it('names the two parts of 五 with the years', () => {
    expect(problemHeadings(2023)).toEqual({
      lastYear: '（一）2022年度存在的问题及改进情况',
      thisYear: '（二）2023年度存在的问题及2024年度改进举措',
    });
  });
});

describe('line breaks of every kind', () => {
  const breaks = ['\r\n', '\r', '\n', '\v', '\f', '\u0085', '\u2028', '\u2029'];

  it('become one space in one-line texts and split paragraphs', () => {
    for (const br of breaks) {
      expect(oneLine(`测试${br}局`)).toBe('测试 局');
      expect(paragraphs(`一段${br}二段`)).toEqual(['一段', '二段']);
    }
  });

  it('are treated alike by the text and HTML outputs (title, sub-heading, paragraphs)', () => {
    for (const br of breaks) {
      const r = consistentReport('2021');
      const report = {
        ...r,
        agency: { ...r.agency, name: `测试${br}局` },
        overview: { lead: `甲段${br}乙段`, blocks: [{ topic: 'other' as const, title: `小${br}标题`, text: '丙' }] },
      };
      const text = renderText(toViewModel(report));
      const html = renderHtml(toViewModel(report));
      expect(text.split('\n')[0]).toBe('测试 局2022年政府信息公开工作年度报告');
      expect(text).toContain('（一）小 标题');
      expect(text).toMatch(/^\s*甲段$/m);
      expect(text).toMatch(/^\s*乙段$/m);
      expect(html).toContain('<h1>测试 局2022年政府信息公开工作年度报告</h1>');
      expect(html).toContain('（一）小 标题');
      expect(html).toContain('<p>甲段</p>');
      expect(html).toContain('<p>乙段</p>');
      expect(html).not.toMatch(/[\v\f\u0085\u2028\u2029]/);
      expect(text).not.toMatch(/[\v\f\u0085\u2028\u2029]/);
    }
  });
});

describe('invisible and reordering characters', () => {
  // DEL, a C1 control, the bidi override that shows "end" as "dne", isolates, direction marks,
  // zero-width space, word joiner, byte-order mark.
  const INVISIBLE = ['\u007f', '\u0081', '\u009f', '\u202e', '\u202a', '\u2066', '\u2069', '\u200e', '\u200f', '\u200b', '\u2060', '\ufeff'];

  it('are dropped from every output; the zero-width joiner of an emoji sequence stays', () => {
    const r = consistentReport('2021');
    const intro = `甲${INVISIBLE.join('')}乙 👨\u200d👩\u200d👧`;
    const vm = toViewModel({ ...r, agency: { ...r.agency, name: `测试\u202e局` }, intro });
    expect(vm.title).toBe('测试局2022年政府信息公开工作年度报告');
    expect(vm.intro).toEqual(['甲乙 👨\u200d👩\u200d👧']);
    for (const out of [renderText(vm), renderHtml(vm)]) {
      for (const ch of INVISIBLE) expect(out).not.toContain(ch);
      expect(out).toContain('👨\u200d👩\u200d👧');
    }
  });

  it('alone, print nothing: no empty sub-heading in 一 or 五, no empty paragraph', () => {
    const r = consistentReport('2021');
    const blocks = [
      { topic: 'other' as const, title: '\u0007', text: '' },
      { topic: 'other' as const, title: '', text: '\u200b' },
      { topic: 'other' as const, title: '标题', text: '内容' },
    ];
    expect(overviewHeadings(blocks).map((h) => h.printed)).toEqual([false, false, true]);
    const vm = toViewModel({
      ...r,
      intro: '\u200b\n\u202e\n正文',
      overview: { lead: '', blocks },
      problems: { lastYear: '\ufeff', thisYear: '今年的问题' },
    });
    expect(vm.intro).toEqual(['正文']);
    const subheadings = (no: number) => vm.sections[no]?.blocks.filter((b) => b.kind === 'subheading').map((b) => (b.kind === 'subheading' ? b.text : ''));
    expect(subheadings(0)).toEqual(['（一）标题']);
    // 五 without a printed last-year part prints the text alone, without the two sub-headings.
    expect(subheadings(4)).toEqual([]);
    expect(vm.sections[4]?.blocks).toEqual([{ kind: 'paragraph', text: '今年的问题' }]);
  });
});
