import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/model/json-syntax';
import { parseReportFile } from '../../src/model/report-file';

const at = (text: string) => {
  const e = findJsonSyntaxError(text);
  return e && [e.line, e.column, e.reason];
};

describe('findJsonSyntaxError', () => {
  it('names line, column and, in Chinese, what was expected there', () => {
    expect(at('{\n  "kind": "xxgk-report"\n  "version": 1\n}')).toEqual([3, 3, '应为“,”或“}”，实际是“"”']);
    expect(at('{"a": 1,}')).toEqual([1, 9, '“}”前多了一个逗号']);
    expect(at('[1, 2,\n]')).toEqual([2, 1, '“]”前多了一个逗号']);
    expect(at('{"a" 1}')).toEqual([1, 6, '应为“:”，实际是“1”']);
    expect(at('{"机关": tru}')).toEqual([1, 8, '应为一个值（数字、带双引号的文字、true、false、null、{ 或 [），实际是“t”']);
    expect(at('not json')).toEqual([1, 1, '应为一个值（数字、带双引号的文字、true、false、null、{ 或 [），实际是“n”']);
    expect(at('{"a": "x\ny"}')).toEqual([1, 9, '双引号内的文字不能直接含换行（换行应写作 \\n）']);
    expect(at('{"a": "\\q"}')).toEqual([1, 8, '无效的转义“\\q”（反斜杠应写作 \\\\）']);
    expect(at('{"a": 1.}')).toEqual([1, 9, '应为小数点后的数字，实际是“}”']);
    expect(at('{} x')).toEqual([1, 4, 'JSON 在此之前已经结束，之后不能再有内容（实际是“x”）']);
  });

  it('points at the end of a cut-off file', () => {
    expect(at('{"kind": "xxgk-report", ')).toEqual([1, 25, '文件在此意外结束，应为带双引号的字段名（文件不完整，或缺少 } 或 ]）']);
    expect(at('')?.slice(0, 2)).toEqual([1, 1]);
    expect(at('{"a": "b')?.[2]).toBe('文件在此意外结束：文字缺少结尾的双引号');
  });

  it('agrees with JSON.parse on what is valid', () => {
    const valid = (s: string) => {
      try {
        JSON.parse(s);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(fc.property(fc.json(), (s) => findJsonSyntaxError(s) === undefined));
    const junk = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', ' ', '\n', '1', '-', '.', 'e', 't', 'r', 'u', '\\', 'a') });
    fc.assert(fc.property(junk, (s) => (findJsonSyntaxError(s) === undefined) === valid(s)), { numRuns: 2000 });
  });
});

describe('parseReportFile on a file that is not JSON', () => {
  it('words the syntax error in Chinese with its line and column', () => {
    const r = parseReportFile('\uFEFF{\n  "kind": "xxgk-report",\n  "version": 1,\n}\n');
    expect(!r.ok && r.problems).toEqual([{ path: '', message: '文件不是有效的 JSON：第 4 行第 1 列：“}”前多了一个逗号' }]);
  });
});
