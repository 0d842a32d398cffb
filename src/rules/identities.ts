import type { FormatId, SectionNo } from '../model/format';
import { cellId } from '../model/format';
import { FORMATS, tableOf } from '../model/formats';
import { APPEAL_GROUP_IDS } from '../model/format-common';

/**
 * The accounting identities H1–H4 of spec §2 as data: `total = Σ plus − Σ minus`.
 * The checker evaluates them; the wizard computes the read-only totals from the same entries.
 */
export interface Identity {
  readonly code: 'H1' | 'H2' | 'H3' | 'H4';
  readonly section: SectionNo;
  /** The cell the value is expected in. */
  readonly total: string;
  readonly plus: readonly string[];
  readonly minus: readonly string[];
  /** Where the identity holds, e.g. 自然人列, （一）予以公开行, 行政复议. */
  readonly scope: string;
  /** How the parts are named in messages, e.g. （一）至（六）之和. */
  readonly partsName: string;
  readonly totalName: string;
}

const cache = new Map<FormatId, readonly Identity[]>();

export function identitiesOf(format: FormatId): readonly Identity[] {
  const cached = cache.get(format);
  if (cached) return cached;
  const apply = tableOf(format, 'apply');
  const appeal = tableOf(format, 'appeal');
  if (!apply || !appeal) throw new Error(`format ${format} lacks the 三/四 tables`);
  const id = (row: string, col: string) => cellId('apply', row, col);
  const applicantCols = apply.columns.filter((c) => !c.computed);
  const totalCol = apply.columns.find((c) => c.computed);
  const leaves = apply.rows.filter((r) => r.groups[0] !== undefined && !r.computed);
  if (!totalCol) throw new Error('applications table lacks 总计');

  const carryOverLabel = apply.rows.find((r) => r.id === 'F')?.label ?? 'F';
  const h1 = apply.columns.map(
    (c): Identity => ({
      code: 'H1',
      section: '三',
      total: id('F', c.id),
      plus: [id('N', c.id), id('C', c.id)],
      minus: [id('R7', c.id)],
      scope: `${c.label}列`,
      partsName: '一 + 二 − （七）总计',
      totalName: carryOverLabel,
    }),
  );
  const h2 = apply.rows.map(
    (r): Identity => ({
      code: 'H2',
      section: '三',
      total: id(r.id, totalCol.id),
      plus: applicantCols.map((c) => id(r.id, c.id)),
      minus: [],
      scope: `${r.short ?? r.label}行`,
      partsName: '自然人至其他各列之和',
      totalName: '总计',
    }),
  );
  const h3 = apply.columns.map(
    (c): Identity => ({
      code: 'H3',
      section: '三',
      total: id('R7', c.id),
      plus: leaves.map((r) => id(r.id, c.id)),
      minus: [],
      scope: `${c.label}列`,
      partsName: format === '2021' ? '（一）至（六）各项之和' : '（一）至（六）之和',
      totalName: '（七）总计',
    }),
  );
  const h4 = APPEAL_GROUP_IDS.map((g): Identity => {
    const cols = appeal.columns.filter((c) => c.id.startsWith(g));
    const total = cols.find((c) => c.computed);
    const group = cols[0]?.group ?? g;
    if (!total) throw new Error(`appeal group ${g} lacks 总计`);
    return {
      code: 'H4',
      section: '四',
      total: cellId('appeal', 'cases', total.id),
      plus: cols.filter((c) => !c.computed).map((c) => cellId('appeal', 'cases', c.id)),
      minus: [],
      scope: cols[0]?.outerGroup ? `${cols[0].outerGroup}·${group}` : group,
      partsName: '结果维持 + 结果纠正 + 其他结果 + 尚未审结',
      totalName: '总计',
    };
  });
  // Order matters for computeTotals: row totals, then （七）总计, then 四.
  const all = [...h2, ...h3, ...h4, ...h1];
  cache.set(format, all);
  return all;
}

export function sectionHeading(format: FormatId, section: SectionNo): string {
  return FORMATS[format].headings[section];
}
