import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/text';
import { yuan } from '../../src/import/texts';
import type { Report } from '../../src/model/report';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';

/** Sample 003 published as text, with 六's body replaced by `body`. */
function withSix(body: string): string {
  const report = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/sample-003.json'), 'utf8')) as Report;
  const text = renderText(toViewModel(report));
  const six = text.indexOf('六、其他需要报告的事项');
  const signature = text.indexOf(report.agency.name, six);
  return `${text.slice(0, text.indexOf('\n', six) + 1)}${body}\n${text.slice(signature)}`;
}

const other = (body: string) => importText(withSix(body));

describe('六: the fee figures and the other matters', () => {
  it('keeps a sentence that says more than the fees, whole, and still reads its fee figure', () => {
    const r = other('2022年本局未收取信息处理费，全年办理人大代表建议12件、政协提案8件，均已按期办结并在网站公开答复全文。\n2022年建议提案办理情况已在网站公开。');
    expect(r.report.other.feeCollected).toBe('0');
    expect(r.report.other.items).toBe(
      '2022年本局未收取信息处理费，全年办理人大代表建议12件、政协提案8件，均已按期办结并在网站公开答复全文。\n2022年建议提案办理情况已在网站公开。',
    );
  });

  it('reads "no fee collected", with nothing on notices, as no fee at all: 0 notices, 0 元, and says so', () => {
    const r = other('严格按照《政府信息公开信息处理费管理办法》的有关要求，2023年度未向申请人收取依申请公开事项信息处理费。');
    expect(r.report.other).toMatchObject({ feeNotices: 0, feeNoticeAmount: '0', feeCollected: '0', items: '' });
    expect(r.diagnostics.filter((d) => d.section === '六').map((d) => [d.severity, d.message])).toEqual([
      ['info', '六：原文写明“严格按照《政府信息公开信息处理费管理办法》的有关要求，2023年度未向申请人收取依申请公开事项信息处理费。”，未另写收费通知，收费通知件数和总金额按 0 填写'],
    ]);
  });

  it('leaves notices blank when the report says anything else of them, or nothing at all', () => {
    expect(other('未收取信息处理费。本年度发出收费通知2件。').report.other).toMatchObject({ feeNotices: 2, feeNoticeAmount: null, feeCollected: '0' });
    const sent = other('本年度向2名申请人发出收费通知，申请人均未缴费。本年度未收取信息处理费。');
    expect(sent.report.other).toMatchObject({ feeNotices: null, feeNoticeAmount: null, feeCollected: '0' });
    expect(sent.diagnostics.filter((d) => d.section === '六')).toEqual([]);
    expect(other('无。').report.other).toMatchObject({ feeNotices: null, feeNoticeAmount: null, feeCollected: null, items: '无。' });
  });

  it('leaves out a sentence the fee fields restate in full', () => {
    const r = other('本年度发出收费通知0件，收费通知总金额0元，实际收取总金额0元。本年度无其他需要报告的事项。');
    expect(r.report.other).toMatchObject({ feeNotices: 0, feeNoticeAmount: '0', feeCollected: '0', items: '本年度无其他需要报告的事项。' });
    expect(r.diagnostics.filter((d) => d.section === '六')).toEqual([]);
  });

  it('reads amounts written with thousands separators or in 万元, exactly, in 元', () => {
    const r = other('本年度发出收费通知3件，收费通知总金额1,200元，实际收取总金额0.12万元。');
    expect(r.report.other).toMatchObject({ feeNotices: 3, feeNoticeAmount: '1200', feeCollected: '1200', items: '' });
  });

  it('keeps a fee sentence whose figure was not read, though a 0 from "未收取" was', () => {
    const r = other('本年度发出收费通知2件，收费金额200元，未收取信息处理费。');
    expect(r.report.other).toMatchObject({ feeNotices: 2, feeCollected: '0' });
    expect(r.report.other.items).toBe('本年度发出收费通知2件，收费金额200元，未收取信息处理费。');
    expect(r.diagnostics.filter((d) => d.section === '六')).toHaveLength(1);
  });

  it('keeps a fee sentence with a figure it cannot read, and says so', () => {
    const r = other('本年度发出收费通知3件，收费通知总金额约一千元，实际收取总金额100.125元。');
    expect(r.report.other.feeNotices).toBe(3);
    expect(r.report.other.feeCollected).toBeNull();
    expect(r.report.other.items).toBe('本年度发出收费通知3件，收费通知总金额约一千元，实际收取总金额100.125元。');
    expect(r.diagnostics.find((d) => d.section === '六')?.message).toBe(
      '六：“本年度发出收费通知3件，收费通知总金额约一千元，实际收取总金额100.125元。”中的收费数字未能读取，原句保留在其他事项中，请核对收费通知件数、收费通知总金额和实际收取总金额',
    );
  });
});

describe('yuan', () => {
  it('gives 元 as an exact decimal, or nothing past the fen', () => {
    expect(yuan('1,200', '元')).toBe('1200');
    expect(yuan('0.12', '万元')).toBe('1200');
    expect(yuan('1.23456', '万元')).toBe('12345.6');
    expect(yuan('12.50', '元')).toBe('12.5');
    expect(yuan('0', '元')).toBe('0');
    expect(yuan('0.000001', '万元')).toBe('0.01');
    expect(yuan('0.0000001', '万元')).toBeUndefined();
    expect(yuan('100.125', '元')).toBeUndefined();
  });
});
