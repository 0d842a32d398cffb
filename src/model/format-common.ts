import type { ColumnDef, RowTree, SectionNo, TableDef } from './format';
import { flattenRows } from './format';

/** 一 … 六, identical in both formats [spec §1.1]. */
export const HEADINGS: Readonly<Record<SectionNo, string>> = {
  一: '一、总体情况',
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、政府信息公开行政复议、行政诉讼情况',
  五: '五、存在的主要问题及改进情况',
  六: '六、其他需要报告的事项',
};

export const ACTIVE_HEADER = '信息内容';
export const APPLICATIONS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const APPLICANTS_HEADER = '申请人情况';
const LEGAL_PERSONS = '法人或其他组织';

/** Section 三 columns [spec §1.4]: 自然人, five 法人或其他组织 sub-columns (no subtotal), 总计. */
export const APPLICANT_COLUMNS: readonly ColumnDef[] = [
  { id: 'p', label: '自然人', kind: 'count' },
  { id: 'b', label: '商业企业', kind: 'count', group: LEGAL_PERSONS },
  { id: 'r', label: '科研机构', kind: 'count', group: LEGAL_PERSONS },
  { id: 's', label: '社会公益组织', kind: 'count', group: LEGAL_PERSONS },
  { id: 'l', label: '法律服务机构', kind: 'count', group: LEGAL_PERSONS },
  { id: 'o', label: '其他', kind: 'count', group: LEGAL_PERSONS },
  { id: 't', label: '总计', kind: 'count', computed: true },
];

export const RESULTS_GROUP = '三、本年度办理结果';

/** Section 三 rows up to （五）不予处理, shared by both formats [spec §1.4]. */
export const RESULT_ROWS_1_TO_5: readonly RowTree[] = [
  { id: 'R1', label: '（一）予以公开', short: '（一）予以公开' },
  { id: 'R2', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '（二）部分公开' },
  {
    group: '（三）不予公开',
    children: [
      { id: 'R3_1', label: '1.属于国家秘密' },
      { id: 'R3_2', label: '2.其他法律行政法规禁止公开' },
      { id: 'R3_3', label: '3.危及“三安全一稳定”' },
      { id: 'R3_4', label: '4.保护第三方合法权益' },
      { id: 'R3_5', label: '5.属于三类内部事务信息' },
      { id: 'R3_6', label: '6.属于四类过程性信息' },
      { id: 'R3_7', label: '7.属于行政执法案卷' },
      { id: 'R3_8', label: '8.属于行政查询事项' },
    ],
  },
  {
    group: '（四）无法提供',
    children: [
      { id: 'R4_1', label: '1.本机关不掌握相关政府信息' },
      { id: 'R4_2', label: '2.没有现成信息需要另行制作' },
      { id: 'R4_3', label: '3.补正后申请内容仍不明确' },
    ],
  },
  {
    group: '（五）不予处理',
    children: [
      { id: 'R5_1', label: '1.信访举报投诉类申请' },
      { id: 'R5_2', label: '2.重复申请' },
      { id: 'R5_3', label: '3.要求提供公开出版物' },
      { id: 'R5_4', label: '4.无正当理由大量反复申请' },
      { id: 'R5_5', label: '5.要求行政机关确认或重新出具已获取信息' },
    ],
  },
];

export function applicationsTable(results6: readonly RowTree[]): TableDef {
  return {
    id: 'apply',
    section: '三',
    caption: '收到和处理政府信息公开申请情况',
    family: 'applications',
    columns: APPLICANT_COLUMNS,
    rows: flattenRows([
      { id: 'N', label: '一、本年新收政府信息公开申请数量', short: '一' },
      { id: 'C', label: '二、上年结转政府信息公开申请数量', short: '二' },
      {
        group: RESULTS_GROUP,
        children: [
          ...RESULT_ROWS_1_TO_5,
          ...results6,
          { id: 'R7', label: '（七）总计', short: '（七）总计', computed: true },
        ],
      },
      { id: 'F', label: '四、结转下年度继续办理', short: '四' },
    ]),
  };
}

const APPEAL_GROUPS = [
  { id: 'review', label: '行政复议', outer: undefined },
  { id: 'direct', label: '未经复议直接起诉', outer: '行政诉讼' },
  { id: 'after', label: '复议后起诉', outer: '行政诉讼' },
] as const;

const OUTCOMES = [
  { id: 'Upheld', label: '结果维持' },
  { id: 'Corrected', label: '结果纠正' },
  { id: 'Other', label: '其他结果' },
  { id: 'Pending', label: '尚未审结' },
  { id: 'Total', label: '总计', computed: true },
] as const;

/** Section 四: one row of 15 numbers, identical in both formats [spec §1.5]. */
export const APPEALS_TABLE: TableDef = {
  id: 'appeal',
  section: '四',
  caption: '政府信息公开行政复议、行政诉讼情况',
  family: 'appeals',
  rows: [{ id: 'cases', label: '', groups: [] }],
  columns: APPEAL_GROUPS.flatMap((g) =>
    OUTCOMES.map(
      (o): ColumnDef => ({
        id: `${g.id}${o.id}`,
        label: o.label,
        kind: 'count',
        group: g.label,
        ...(g.outer ? { outerGroup: g.outer } : {}),
        ...('computed' in o ? { computed: true } : {}),
      }),
    ),
  ),
};

export const APPEAL_GROUP_IDS = APPEAL_GROUPS.map((g) => g.id);
