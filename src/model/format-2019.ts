import type { ColumnDef, FormatDefinition } from './format';
import { flattenRows } from './format';
import {
  ACTIVE_HEADER,
  APPEALS_TABLE,
  APPLICANTS_HEADER,
  APPLICATIONS_NOTE,
  HEADINGS,
  applicationsTable,
} from './format-common';

const PROJECT_COLUMNS: readonly ColumnDef[] = [
  { id: 'prevItems', label: '上一年项目数量', kind: 'count' },
  { id: 'change', label: '本年增/减', kind: 'signedCount' },
  { id: 'decisions', label: '处理决定数量', kind: 'count' },
];

/**
 * 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号,
 * for the 2019 and 2020 reports [spec §1.3; labels confirmed from sample 001].
 */
export const FORMAT_2019: FormatDefinition = {
  id: '2019',
  source: '国办公开办函〔2019〕60号',
  years: [2019, 2020],
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
        { id: 'made', label: '本年新制作数量', kind: 'count' },
        { id: 'published', label: '本年新公开数量', kind: 'count' },
        { id: 'total', label: '对外公开总数量', kind: 'count' },
      ],
      rows: flattenRows([
        { id: 'rules', label: '规章' },
        { id: 'normative', label: '规范性文件' },
      ]),
    },
    {
      id: 'active5',
      section: '二',
      caption: '第二十条第（五）项',
      family: 'active',
      columns: PROJECT_COLUMNS,
      rows: flattenRows([
        { id: 'license', label: '行政许可' },
        { id: 'otherServices', label: '其他对外管理服务事项' },
      ]),
    },
    {
      id: 'active6',
      section: '二',
      caption: '第二十条第（六）项',
      family: 'active',
      columns: PROJECT_COLUMNS,
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
      columns: PROJECT_COLUMNS.slice(0, 2),
      padding: 1,
      rows: flattenRows([{ id: 'fees', label: '行政事业性收费' }]),
    },
    {
      id: 'active9',
      section: '二',
      caption: '第二十条第（九）项',
      family: 'active',
      columns: [
        { id: 'projects', label: '采购项目数量', kind: 'count' },
        // The header carries no unit; published reports write it in the cell ("493.5万").
        // xxgk stores 万元 and prints the unit in the cell [D].
        { id: 'amount', label: '采购总金额', kind: 'money', unit: '万元', decimals: 4, cellSuffix: '万元' },
      ],
      padding: 1,
      rows: flattenRows([{ id: 'procurement', label: '政府集中采购' }]),
    },
    applicationsTable([{ id: 'R6', label: '（六）其他处理', short: '（六）其他处理' }]),
    APPEALS_TABLE,
  ],
};
