import type { Report } from '../model/report';
import { OVERVIEW_TOPICS } from '../model/report';
import type { RuleCode } from '../rules/violation';

/** The DOM id of the input that edits a cell or a report field. */
export function domIdOf(fieldOrCell: string): string {
  return `f-${fieldOrCell.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The input a finding's reference points to: `overview.<topic>` means the first block of that topic. */
export function inputOf(report: Report, refId: string): string {
  const topic = /^overview\.(\w+)$/.exec(refId)?.[1];
  if (topic && (OVERVIEW_TOPICS as readonly string[]).includes(topic)) {
    const index = report.overview.blocks.findIndex((b) => b.topic === topic);
    if (index >= 0) return `overview.blocks[${index}].text`;
  }
  return refId;
}

/** Short Chinese names of the rules, shown beside each message. */
export const RULE_NAMES: Readonly<Record<RuleCode, string>> = {
  H1: '本列勾稽关系',
  H2: '行总计',
  H3: '（七）总计',
  H4: '复议诉讼总计',
  H5: '件数格式',
  H6: '金额格式',
  H7: '内容完整',
  S1: '上年结转',
  S2: '现行有效件数',
  S3: '件数合理性',
  S4: '信息处理费',
  S5: '收费单位',
  S6: '正文数字与表格',
  S7: '空白单元格',
  S8: '统计期限',
  S9: '公布期限',
};
