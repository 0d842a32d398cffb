import type { FormatDefinition } from './format';
import { flattenRows } from './format';
import {
  ACTIVE_HEADER,
  APPEALS_TABLE,
  APPLICANTS_HEADER,
  APPLICATIONS_NOTE,
  HEADINGS,
  applicationsTable,
} from './format-common';

/** 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 [spec §1.2, §1.4, §1.5]. */
export const FORMAT_2021: FormatDefinition = {
  id: '2021',
  source: '国办公开办函〔2021〕30号',
  years: [2021, 9999],
  headings: HEADINGS,
  activeHeader: ACTIVE_HEADER,
  applicationsNote: APPLICATIONS_NOTE,
  applicantsHeader: APPLICANTS_HEADER,
  appealsGroups: { review: '行政复议', litigation: '行政诉讼' },
  tables: [
    {
      id: 'active1',
      section: '二',
      caption: '第二十条第（一）项',
      family: 'active',
      columns: [
        { id: 'issued', label: '本年制发件数', kind: 'count' },
        { id: 'repealed', label: '本年废止件数', kind: 'count' },
        { id: 'inForce', label: '现行有效件数', kind: 'count' },
      ],
      rows: flattenRows([
        { id: 'rules', label: '规章' },
        { id: 'normative', label: '行政规范性文件' },
      ]),
    },
    {
      id: 'active5',
      section: '二',
      caption: '第二十条第（五）项',
      family: 'active',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count', span: 3 }],
      rows: flattenRows([{ id: 'license', label: '行政许可' }]),
    },
    {
      id: 'active6',
      section: '二',
      caption: '第二十条第（六）项',
      family: 'active',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count', span: 3 }],
      rows: flattenRows([
        { id: 'penalty', label: '行政处罚' },
        { id: 'enforcement', label: '行政强制' },
      ]),
    },
    {
      id: 'active8',
      section: '二',
      caption: '第二十条第（八）项',
      family: 'active',
      columns: [
        {
          id: 'amount',
          label: '本年收费金额（单位：万元）',
          kind: 'money',
          unit: '万元',
          decimals: 4,
          span: 3,
        },
      ],
      rows: flattenRows([{ id: 'fees', label: '行政事业性收费' }]),
    },
    applicationsTable([
      {
        group: '（六）其他处理',
        children: [
          { id: 'R6_1', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
          { id: 'R6_2', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
          { id: 'R6_3', label: '3.其他' },
        ],
      },
    ]),
    APPEALS_TABLE,
  ],
};
