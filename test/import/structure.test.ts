import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJunkLine, outline } from '../../src/import/structure';

/** isJunkLine as first written: one test per pattern, the copyright one case-insensitive. */
function isJunkLineOneByOne(text: string): boolean {
  const patterns = [
    /返回顶部|打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫在手机|字体[：:]?\s*[【[]?\s*[大中小]|\[\s*字体/,
    /版权所有|ICP备|网站标识码|公网安备|主办单位|承办单位|技术支持|联系我们|网站地图|无障碍浏览|登录\s*注册/,
    /^(?:首页|当前位置|您的位置|您现在的位置).*(?:->|>|»|＞)/,
    /^[-—–]\s*\d+\s*[-—–]$/,
    /^第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$/,
    /^(?:主办|承办|协办|地址|电话|邮编|传真)[：:]|^Copyright|©/i,
    /^\d+\s*\/\s*\d+$/,
  ];
  const t = text.trim();
  if (t === '') return false;
  if (/^[|\s]+$/.test(t)) return true;
  if (/(?:发布|成文)?(?:日期|时间)[：:]\s*\d{4}/.test(t)) return false;
  return patterns.some((re) => re.test(t));
}

describe('isJunkLine', () => {
  it('tells website furniture from report text, as each pattern alone did', () => {
    const lines = [
      'Copyright © 2023 某某区人民政府',
      'COPYRIGHT 2023',
      'copyright reserved',
      'icp备12345678号',
      '京ICP备12345678号',
      '| | |',
      ' |',
      '发布日期：2024-01-15 【打印】',
      '第 3 页 共 5 页',
      '- 3 -',
      '3 / 12',
      '首页 > 政务公开 > 年报',
      '地址：某某路 1 号',
      '一、总体情况',
      '2023年，本机关主动公开政府信息 120 条。',
      '',
    ];
    for (const line of lines) expect(isJunkLine(line), line).toBe(isJunkLineOneByOne(line));
    const piece = fc.constantFrom('版权所有', 'ICP备', 'icp备', 'Copyright', 'cOpYrIgHt', '©', '主办', '：', '|', ' ', '首页', '>', '第', '页', '共', '3', '/', '-', '发布日期：2024', '公开', '字体', '【', '大');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (line) => isJunkLine(line) === isJunkLineOneByOne(line)));
  });
});

describe('outline', () => {
  const body = (heading: string) => [{ text: '前言。' }, { text: heading }, { text: '正文。' }];

  it('finds a heading whose key is the official one, whatever stands before its ordinal', () => {
    const found = (line: string) => outline(body(line)).sections.一?.heading;
    expect(found('【一、总体情况】')).toBe('【一、总体情况】');
    expect(found('  一、 总体情况')).toBe('一、 总体情况');
    expect(found('（一、总体情况')).toBe('（一、总体情况');
    expect(found('一总体情况')).toBe('一总体情况');
    expect(outline(body('一、总体情况 2023年本机关…')).sections.一?.lines.map((l) => l.text)).toEqual(['2023年本机关…', '正文。']);
  });

  it('finds a misspelt heading, and no heading in a line that starts with another ordinal', () => {
    expect(outline(body('一、总体情形')).sections.一?.heading).toBe('一、总体情形');
    expect(outline(body('三、收到和处理政府信息公开申请情形')).sections.三?.heading).toBe('三、收到和处理政府信息公开申请情形');
    expect(outline(body('二、总体情况')).sections).toEqual({});
    expect(outline(body('(1) 总体情况')).sections).toEqual({});
  });
});
