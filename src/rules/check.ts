import type { FormatId, SectionNo, TableDef } from '../model/format';
import { cellId } from '../model/format';
import type { CellDef } from '../model/formats';
import { cellDef, FIRST_REPORT_YEAR, FORMATS, formatForYear, tableOf } from '../model/formats';
import { moneyPattern, wanYuanToYuan, yuanToFen } from '../model/money';
import type { CellValue, Report } from '../model/report';
import { FEE_LABELS, OVERVIEW_TOPIC_LABELS, cellValue, tableCellId } from '../model/report';
import { hasVisibleText } from '../model/text';
import { chineseDate, deadlineOf, deadlineSource } from './deadline';
import { sectionHeading } from './identities';
import type { NarrativeFigure } from './narrative';
import { extractNarrativeFigures } from './narrative';
import type { CellSlot, IdentityCells, TableGrid } from './report-cells';
import { ReportCells } from './report-cells';
import { countValue } from './totals';
import type { CellRef, RuleCode, Severity, Violation } from './violation';
import { compareViolations } from './violation';

export interface CheckOptions {
  /** Last year's report, for S1 (carry-over) and S2 (documents in force). */
  readonly lastYear?: Report;
  /**
   * Cells holding an entry the wizard refused (its own H5/H6 error stands for it): blank for the
   * identities, but neither reported blank by S7 nor counted towards a table left wholly empty.
   */
  readonly refused?: ReadonlySet<string>;
}

/** A data cell with its official labels. */
export function cellRef(format: FormatId, id: string): CellRef {
  const def = cellDef(format, id);
  if (!def) return { id, section: '', table: '', row: '', rowLabel: '', column: '', columnLabel: '' };
  return refOf(def);
}

function refOf(def: CellDef): CellRef {
  return {
    id: def.id,
    section: def.table.section,
    table: def.table.id,
    row: def.row.id,
    rowLabel: def.row.label,
    column: def.column.id,
    columnLabel: def.column.label,
  };
}

/** The official labels of a data cell's row and column; the id itself for an unknown cell. */
const rowLabel = (format: FormatId, id: string) => cellDef(format, id)?.row.label ?? id;
const columnLabel = (format: FormatId, id: string) => cellDef(format, id)?.column.label ?? id;
/** A long label cut for a message: "2.申请人逾期未按收费通知要求缴纳费用…". */
const cut = (label: string, max = 20) => (label.length > max ? `${label.slice(0, max)}…` : label);

/** A report field outside the tables (section 六 figures, dates, texts). */
function fieldRef(section: SectionNo | '', id: string, label: string): CellRef {
  return { id, section, table: '', row: '', rowLabel: '', column: id, columnLabel: label };
}

interface Draft {
  code: RuleCode;
  key: string;
  section: SectionNo | '';
  cells: readonly CellRef[];
  expected?: number | string | null;
  actual?: number | string | null;
  message: string;
}

const SEVERITY: Readonly<Record<RuleCode, Severity>> = {
  H1: 'error', H2: 'error', H3: 'error', H4: 'error', H5: 'error', H6: 'error', H7: 'error',
  S1: 'warning', S2: 'warning', S3: 'warning', S4: 'warning', S5: 'warning', S6: 'warning',
  S7: 'warning', S8: 'warning', S9: 'warning',
};

function finish(d: Draft, severity: Severity = SEVERITY[d.code]): Violation {
  return {
    code: d.code,
    severity,
    key: d.key,
    section: d.section,
    cells: d.cells,
    expected: d.expected ?? null,
    actual: d.actual ?? null,
    message: d.message,
  };
}

// Exact: a report file may hold counts up to 2^53 − 1, and a float sum beyond that could hide an error of 1.
const sum = (values: readonly (number | null)[]) => values.reduce<bigint>((s, v) => s + BigInt(v ?? 0), 0n);
const asValue = (n: bigint) => (Number.isSafeInteger(Number(n)) ? Number(n) : String(n));

const where = (format: FormatId, section: SectionNo) => `${sectionHeading(format, section)} · `;

/**
 * Whether total = Σ plus − Σ minus holds, told in doubles: exact while every figure and every step
 * is a safe integer. False when it does not hold or only the exact sum can tell (then checkIdentity
 * works it out in BigInt, as it words the finding).
 */
function balancesInDoubles(cells: ReportCells, rule: IdentityCells, actual: number): boolean {
  let balance = 0;
  for (const i of rule.plus) {
    const v = cells.countAt(i);
    if (v === null || !Number.isSafeInteger(v)) return false;
    balance += v;
    if (!Number.isSafeInteger(balance)) return false;
  }
  for (const i of rule.minus) {
    const v = cells.countAt(i);
    if (v === null || !Number.isSafeInteger(v)) return false;
    balance -= v;
    if (!Number.isSafeInteger(balance)) return false;
  }
  return balance === actual;
}

/** H1–H4. An identity is checked only when all its cells are filled: a blank cannot be verified (S7 reports it). */
function checkIdentity(report: Report, cells: ReportCells, rule: IdentityCells): Violation | undefined {
  const actual = cells.countAt(rule.total);
  if (actual === null || !isFilled(cells, rule.plus) || !isFilled(cells, rule.minus)) return undefined;
  // Nearly every identity holds: decide that before any BigInt or wording.
  if (balancesInDoubles(cells, rule, actual)) return undefined;
  const { identity } = rule;
  const plus = rule.plus.map((i) => cells.countAt(i));
  const minus = rule.minus.map((i) => cells.countAt(i));
  const exact = sum(plus) - sum(minus);
  if (exact === BigInt(actual)) return undefined;
  const expected = asValue(exact);
  const refs = [identity.total, ...identity.plus, ...identity.minus].map((id) => cellRef(report.format, id));
  const head = where(report.format, identity.section);
  let message: string;
  if (identity.code === 'H1') {
    const n = plus[0] ?? 0;
    const c = plus[1] ?? 0;
    const r7 = minus[0] ?? 0;
    // 结转 cannot be negative: then the figures before it are wrong, and no 结转 would mend them.
    const why =
      exact < 0n
        ? `第三项 ${r7} 大于第一项加第二项之和 ${sum([n, c])}，${identity.totalName}不能为负数：请核对第一、二、三项`
        : `${identity.totalName}应为 ${n} + ${c} − ${r7} = ${expected}，实为 ${actual}`;
    message = `${head}${identity.scope}：第一项加第二项之和 ${sum([n, c])} ≠ 第三项加第四项之和 ${sum([r7, actual])}（${why}）`;
  } else {
    message = `${head}${identity.scope}：${identity.totalName} ${actual} ≠ ${identity.partsName} ${expected}`;
  }
  return finish({
    code: identity.code,
    key: `${identity.code}:${identity.total}`,
    section: identity.section,
    cells: refs,
    expected,
    actual,
    message,
  });
}

const isFilled = (cells: ReportCells, indices: readonly number[]) => indices.every((i) => cells.countAt(i) !== null);

function describeCell(format: FormatId, id: string): string {
  const def = cellDef(format, id);
  if (!def) return id;
  const row = def.row.label ? `“${def.row.label}”行` : '';
  return `${def.table.family === 'active' ? `${def.table.caption} · ` : ''}${row}“${def.column.label}”列`;
}

/** H5 (counts are integers ≥ 0; 2019 本年增/减 may be negative) and H6 (money ≥ 0 in its unit). */
function checkCellValue(format: FormatId, def: CellDef, value: CellValue): Draft | undefined {
  if (value === null) return undefined;
  const { id, kind } = def;
  // Most values are valid: decide that before wording anything.
  const valid =
    kind === 'money'
      ? typeof value === 'string' && moneyPattern(def.column.decimals ?? 4).test(value)
      : typeof value === 'number' && Number.isSafeInteger(value) && (kind === 'signedCount' || value >= 0);
  if (valid) return undefined;
  const section = def.table.section;
  const head = section ? where(format, section) : '';
  if (kind === 'money') {
    const decimals = def.column.decimals ?? 4;
    if (typeof value === 'string' && moneyPattern(decimals).test(value)) return undefined;
    return {
      code: 'H6',
      key: `H6:${id}`,
      section,
      cells: [cellRef(format, id)],
      actual: value,
      message: `${head}${describeCell(format, id)}：“${value}”不是有效金额，应为不小于 0 的数（单位：${def.column.unit ?? '万元'}，最多 ${decimals} 位小数）`,
    };
  }
  const ok = typeof value === 'number' && Number.isSafeInteger(value) && (kind === 'signedCount' || value >= 0);
  if (ok) return undefined;
  return {
    code: 'H5',
    key: `H5:${id}`,
    section,
    cells: [cellRef(format, id)],
    actual: value,
    message: `${head}${describeCell(format, id)}：“${value}”${kind === 'signedCount' ? '应为整数' : '应为不小于 0 的整数'}`,
  };
}

const TABLE_GROUPS: readonly { section: SectionNo; name: string; family: TableDef['family'] }[] = [
  { section: '二', name: '主动公开政府信息情况表', family: 'active' },
  { section: '三', name: '收到和处理政府信息公开申请情况表', family: 'applications' },
  { section: '四', name: '政府信息公开行政复议、行政诉讼情况表', family: 'appeals' },
];


/** H7: every mandated table and section present [spec §2 H7, §3]. */
function checkCompleteness(
  report: Report,
  cells: ReportCells,
  refused: ReadonlySet<string>,
): { drafts: Draft[]; emptyTables: Set<string> } {
  const drafts: Draft[] = [];
  const emptyTables = new Set<string>();
  for (const group of TABLE_GROUPS) {
    const members = cells.plan.families[group.family];
    if (members.every(({ index, def }) => cells.valueAt(index) === null && !refused.has(def.id))) {
      for (const { def } of members) emptyTables.add(def.table.id);
      drafts.push({
        code: 'H7',
        key: `H7:table:${group.family}`,
        section: group.section,
        cells: [],
        message: `${where(report.format, group.section)}缺少${group.name}（全部单元格为空）`,
      });
    }
  }
  const due = formatForYear(report.year);
  if (report.year < FIRST_REPORT_YEAR)
    drafts.push({
      code: 'H7',
      key: 'H7:format',
      section: '',
      cells: [fieldRef('', 'year', '报告年度')],
      expected: `≥ ${FIRST_REPORT_YEAR}`,
      actual: report.year,
      message:
        `${report.year}年度年报早于现行格式（${FORMATS[due].source}，自 ${FIRST_REPORT_YEAR} 年度起施行），` +
        '不能按现行格式核对和输出',
    });
  else if (report.format !== due)
    drafts.push({
      code: 'H7',
      key: 'H7:format',
      section: '',
      cells: [fieldRef('', 'format', '格式')],
      expected: due,
      actual: report.format,
      message:
        `${report.year}年度年报应使用 ${due} 年版格式（${FORMATS[due].source}），` +
        `本报告是 ${report.format} 年版格式（${FORMATS[report.format].source}）`,
    });
  const o = report.other;
  const sectionEmpty: [SectionNo, boolean][] = [
    ['一', !hasVisibleText(report.overview.lead) && report.overview.blocks.every((b) => !hasVisibleText(b.text))],
    ['五', !hasVisibleText(report.problems.lastYear) && !hasVisibleText(report.problems.thisYear)],
    ['六', !hasVisibleText(o.items) && o.feeNotices === null && o.feeNoticeAmount === null && o.feeCollected === null],
  ];
  for (const [section, empty] of sectionEmpty) {
    if (empty)
      drafts.push({
        code: 'H7',
        key: `H7:section:${section}`,
        section,
        cells: [],
        message: `${sectionHeading(report.format, section)}：本部分没有内容`,
      });
  }
  return { drafts, emptyTables };
}

/** H7 (content, warnings): the topics of 一 and the two parts of 五 that the format asks for. */
function checkTopics(report: Report): Draft[] {
  const drafts: Draft[] = [];
  const blocks = report.overview.blocks;
  if (blocks.some((b) => hasVisibleText(b.text)) || hasVisibleText(report.overview.lead)) {
    // Only a topic block that is there but empty (the wizard's five blocks) is flagged: imported
    // reports arrange 一 under their own headings and are not second-guessed.
    for (const topic of ['proactive', 'onRequest', 'management', 'platform', 'oversight'] as const) {
      const own = blocks.filter((b) => b.topic === topic);
      if (own.length > 0 && own.every((b) => !hasVisibleText(b.text)))
        drafts.push({
          code: 'H7',
          key: `H7:overview:${topic}`,
          section: '一',
          cells: [fieldRef('一', `overview.${topic}`, OVERVIEW_TOPIC_LABELS[topic])],
          message: `${sectionHeading(report.format, '一')}：缺少“${OVERVIEW_TOPIC_LABELS[topic]}”方面的内容`,
        });
    }
  }
  if (report.format === '2021' && hasVisibleText(report.problems.thisYear) && !hasVisibleText(report.problems.lastYear))
    drafts.push({
      code: 'H7',
      key: 'H7:problems:lastYear',
      section: '五',
      cells: [fieldRef('五', 'problems.lastYear', '上一年度存在问题的改进情况')],
      message: `${sectionHeading(report.format, '五')}：缺少${report.year - 1}年度存在的问题及改进情况`,
    });
  if (report.format === '2021' && hasVisibleText(report.problems.lastYear) && !hasVisibleText(report.problems.thisYear))
    drafts.push({
      code: 'H7',
      key: 'H7:problems:thisYear',
      section: '五',
      cells: [fieldRef('五', 'problems.thisYear', '本年度存在的问题及改进举措')],
      message: `${sectionHeading(report.format, '五')}：缺少${report.year}年度存在的问题及${report.year + 1}年度改进举措`,
    });
  return drafts;
}

/**
 * A total (computed in the wizard) that is blank while some of its parts are blank too: those parts
 * are reported, and the total follows from them once they are filled. Telling the clerk to write 0
 * into it would name a cell the wizard does not let them type in.
 */
function followsBlankParts(cells: ReportCells, slot: CellSlot): boolean {
  return (cells.plan.totalOf[slot.index] ?? []).some((rule) => !isFilled(cells, rule.plus) || !isFilled(cells, rule.minus));
}

const NO_GRID: TableGrid = { rows: [], columns: [] };

/** S7: blank cells, one finding per wholly blank column, else one per row with blanks. */
function checkBlanks(report: Report, cells: ReportCells, emptyTables: Set<string>, refused: ReadonlySet<string>): Draft[] {
  const drafts: Draft[] = [];
  const blank = ({ index, def }: CellSlot) => cells.valueAt(index) === null && !refused.has(def.id);
  const refs = (slots: readonly CellSlot[]) => slots.map(({ def }) => refOf(def));
  for (const table of FORMATS[report.format].tables) {
    if (emptyTables.has(table.id)) continue;
    const grid = cells.plan.grids.get(table) ?? NO_GRID;
    const isBlankColumn = grid.columns.map(
      (slots) => table.rows.length > 1 && slots.every(blank) && !slots.every((slot) => followsBlankParts(cells, slot)),
    );
    const head = where(report.format, table.section);
    const prefix = table.family === 'active' ? `${table.caption} · ` : '';
    table.columns.forEach((c, i) => {
      const slots = grid.columns[i];
      if (!isBlankColumn[i] || !slots) return;
      drafts.push({
        code: 'S7',
        key: `S7:${table.id}.${c.id}`,
        section: table.section,
        cells: refs(slots),
        expected: 0,
        message: `${head}${prefix}“${c.label}”列 ${slots.length} 个单元格全部为空；没有数据的应填 0`,
      });
    });
    table.rows.forEach((r, i) => {
      const slots = (grid.rows[i] ?? []).filter((slot, column) => !isBlankColumn[column] && blank(slot) && !followsBlankParts(cells, slot));
      if (slots.length === 0) return;
      const labels = slots.map(({ def }) => `“${def.column.label}”`).join('、');
      const row = r.label ? `“${r.label}”行` : '';
      drafts.push({
        code: 'S7',
        key: `S7:${table.id}.${r.id}`,
        section: table.section,
        cells: refs(slots),
        expected: 0,
        message: `${head}${prefix}${row}${labels}为空；没有数据的应填 0`,
      });
    });
  }
  return drafts;
}

function lastYearValue(options: CheckOptions, id: string, fallback: number | null | undefined) {
  const last = options.lastYear;
  return last && cellDef(last.format, id) ? countValue(last, id) : (fallback ?? null);
}

/** S1: 上年结转 (Y) = 结转下年度继续办理 (Y−1), per column. */
function checkCarryOver(report: Report, options: CheckOptions): Draft[] {
  const apply = tableOf(report.format, 'apply');
  if (!apply) return [];
  const drafts: Draft[] = [];
  for (const c of apply.columns) {
    const id = tableCellId(apply, 'C', c.id);
    const actual = countValue(report, id);
    const baseline = (report.baseline?.carryOver as Record<string, number | null> | undefined)?.[c.id];
    const lastId = tableCellId(apply, 'F', c.id);
    const expected = lastYearValue(options, lastId, baseline);
    if (actual === null || expected === null || actual === expected) continue;
    drafts.push({
      code: 'S1',
      key: `S1:${id}`,
      section: '三',
      cells: [cellRef(report.format, id)],
      expected,
      actual,
      message: `${where(report.format, '三')}${c.label}列：${rowLabel(report.format, id)} ${actual} ≠ 上一年度报告“${rowLabel(report.format, lastId)}” ${expected}`,
    });
  }
  return drafts;
}

/** S2 (stock continuity) and S3 (in force ≥ issued) for section 二（一）. */
function checkDocuments(report: Report, options: CheckOptions): Draft[] {
  const drafts: Draft[] = [];
  const table = tableOf(report.format, 'active1');
  if (!table) return drafts;
  const head = `${where(report.format, '二')}${table.caption} · `;
  for (const row of table.rows) {
    const v = (col: string) => countValue(report, tableCellId(table, row.id, col));
    const label = (col: string) => columnLabel(report.format, tableCellId(table, row.id, col));
    const ref = (col: string) => cellRef(report.format, tableCellId(table, row.id, col));
    if (report.format === '2021') {
      const issued = v('issued');
      const repealed = v('repealed');
      const inForce = v('inForce');
      if (issued !== null && inForce !== null && inForce < issued)
        drafts.push({
          code: 'S3',
          key: `S3:active1.${row.id}`,
          section: '二',
          cells: [ref('inForce'), ref('issued')],
          expected: `≥ ${issued}`,
          actual: inForce,
          message: `${head}${row.label}：${label('inForce')} ${inForce} 小于${label('issued')} ${issued}（除非本年制发的文件又在本年废止）`,
        });
      const baseline = report.baseline?.inForce[row.id as 'rules' | 'normative'];
      const prior = lastYearValue(options, tableCellId(table, row.id, 'inForce'), baseline);
      if (prior !== null && issued !== null && repealed !== null && inForce !== null) {
        const expected = prior + issued - repealed;
        if (expected !== inForce)
          drafts.push({
            code: 'S2',
            key: `S2:active1.${row.id}`,
            section: '二',
            cells: [ref('inForce'), ref('issued'), ref('repealed')],
            expected,
            actual: inForce,
            message:
              `${head}${row.label}：${label('inForce')} ${inForce} ≠ 上年${label('inForce')} ${prior} + ${label('issued')} ${issued} − ${label('repealed')} ${repealed} = ${expected}` +
              `（按本年数据推算上年应为 ${inForce - issued + repealed}）`,
          });
      }
      if (report.agency.kind === 'government' && row.id === 'normative' && issued === 0 && repealed === 0 && inForce === 0)
        drafts.push({
          code: 'S3',
          key: 'S3:active1.normative.zero',
          section: '二',
          cells: [ref('issued'), ref('repealed'), ref('inForce')],
          actual: 0,
          message: `${head}${row.label}：人民政府的本年制发、本年废止、现行有效件数均为 0，请核实`,
        });
    } else {
      const published = v('published');
      const total = v('total');
      if (published !== null && total !== null && published > total)
        drafts.push({
          code: 'S3',
          key: `S3:active1.${row.id}`,
          section: '二',
          cells: [ref('published'), ref('total')],
          expected: `≤ ${total}`,
          actual: published,
          message: `${head}${row.label}：${label('published')} ${published} 大于${label('total')} ${total}`,
        });
    }
  }
  return drafts;
}

// Ids built once: a key string built afresh for every lookup costs a hash (and a string-table search) each time.
const R6_2_TOTAL = cellId('apply', 'R6_2', 't');
const FEES_AMOUNT = cellId('active8', 'fees', 'amount');

/** S4 (section 六 fee figures vs 三 R6.2) and S5 (信息处理费 元 within 二（八） 万元). 2021 format only. */
function checkFees(report: Report): Draft[] {
  if (report.format !== '2021') return [];
  const drafts: Draft[] = [];
  const o = report.other;
  const six = sectionHeading(report.format, '六');
  const notices = fieldRef('六', 'other.feeNotices', FEE_LABELS.feeNotices);
  const noticeAmount = fieldRef('六', 'other.feeNoticeAmount', FEE_LABELS.feeNoticeAmount);
  const collected = fieldRef('六', 'other.feeCollected', FEE_LABELS.feeCollected);
  if (o.feeNotices === null && o.feeNoticeAmount === null && o.feeCollected === null) {
    drafts.push({
      code: 'S4',
      key: 'S4:fees-missing',
      section: '六',
      cells: [notices, noticeAmount, collected],
      message: `${six}：未报告信息处理费收取情况（${Object.values(FEE_LABELS).join('、')}），没有的应写明 0`,
    });
  } else {
    // Some given, some blank: the report would print "（未填写）" in the fee sentence.
    const blanks = [
      [o.feeNotices, notices, FEE_LABELS.feeNotices],
      [o.feeNoticeAmount, noticeAmount, FEE_LABELS.feeNoticeAmount],
      [o.feeCollected, collected, FEE_LABELS.feeCollected],
    ] as const;
    const missing = blanks.filter(([value]) => value === null);
    if (missing.length > 0)
      drafts.push({
        code: 'S4',
        key: 'S4:fees-blank',
        section: '六',
        cells: missing.map(([, ref]) => ref),
        message: `${six}：${missing.map(([, , label]) => label).join('、')}未填写，报告中将印为“（未填写）”；没有的应写明 0`,
      });
  }
  const r62Id = R6_2_TOTAL;
  const r62 = countValue(report, r62Id);
  const r62Label = `三、“${cut(rowLabel(report.format, r62Id))}”总计`;
  if (o.feeNotices !== null && r62 !== null && r62 > o.feeNotices) {
    drafts.push({
      code: 'S4',
      key: 'S4:R6_2',
      section: '六',
      cells: [cellRef(report.format, r62Id), notices],
      expected: `≤ ${o.feeNotices}`,
      actual: r62,
      message:
        o.feeNotices === 0
          ? `${six}：${FEE_LABELS.feeNotices}为 0，但${r62Label}为 ${r62}`
          : `${six}：${r62Label} ${r62} 大于${FEE_LABELS.feeNotices} ${o.feeNotices}`,
    });
  }
  const noticeFen = o.feeNoticeAmount === null ? undefined : yuanToFen(o.feeNoticeAmount);
  const collectedFen = o.feeCollected === null ? undefined : yuanToFen(o.feeCollected);
  if (noticeFen !== undefined && collectedFen !== undefined && collectedFen > noticeFen)
    drafts.push({
      code: 'S4',
      key: 'S4:collected',
      section: '六',
      cells: [collected, noticeAmount],
      expected: `≤ ${o.feeNoticeAmount}`,
      actual: o.feeCollected,
      message: `${six}：${FEE_LABELS.feeCollected} ${o.feeCollected} 元大于${FEE_LABELS.feeNoticeAmount} ${o.feeNoticeAmount} 元`,
    });
  const feesId = FEES_AMOUNT;
  const fees = cellValue(report, feesId);
  const feesYuan = typeof fees === 'string' ? wanYuanToYuan(fees) : undefined;
  if (feesYuan !== undefined && collectedFen !== undefined && feesYuan * 100 < collectedFen)
    drafts.push({
      code: 'S5',
      key: 'S5:fees',
      section: '二',
      cells: [cellRef(report.format, feesId), collected],
      expected: `≥ ${o.feeCollected} 元`,
      actual: `${fees} 万元`,
      message:
        `${where(report.format, '二')}${cellDef(report.format, feesId)?.table.caption ?? ''} ${rowLabel(report.format, feesId)} ${fees} 万元 小于六、${FEE_LABELS.feeCollected} ${o.feeCollected} 元；` +
        '信息处理费属于行政事业性收费，请检查单位（二（八）以万元计，六以元计）',
    });
  return drafts;
}

/** A short, stable fingerprint of a text (FNV-1a, 32 bits, hex). */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const quote = (s: string) => `“${s.length > 60 ? `${s.slice(0, 58)}…` : s}”`;

/** S6: figures stated in the texts agree with the tables. */
function checkNarrative(report: Report): Draft[] {
  const v = (id: string) => countValue(report, id);
  const add = (...ids: string[]) => {
    let total = 0;
    for (const id of ids) {
      const value = v(id);
      if (value === null) return null;
      total += value;
    }
    return total;
  };
  const received = v('apply.N.t');
  const handled = [add('apply.N.t', 'apply.C.t'), v('apply.R7.t')].filter((x): x is number => x !== null);
  const reviews = v('appeal.cases.reviewTotal');
  const lawsuits = add('appeal.cases.directTotal', 'appeal.cases.afterTotal');
  const normative = v(report.format === '2021' ? 'active1.normative.issued' : 'active1.normative.made');
  const three = sectionHeading(report.format, '三');
  const four = sectionHeading(report.format, '四');
  const drafts: Draft[] = [];
  const figures = extractNarrativeFigures(report);
  const seen = new Map<string, number>();
  const flag = (f: NarrativeFigure, ids: string[], expected: number | string, what: string) => {
    // Keyed by what the sentence says, not where it stands: a note stays with its sentence when
    // blocks are added or reordered, and lapses when the sentence is rewritten.
    const base = `S6:${f.kind}:${digest(f.sentence)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    drafts.push({
      code: 'S6',
      key: n > 1 ? `${base}:${n}` : base,
      section: f.section,
      cells: [...ids.map((id) => cellRef(report.format, id)), fieldRef(f.section, f.field, '叙述文字')],
      expected,
      actual: f.value,
      message: `${f.section ? `${sectionHeading(report.format, f.section)}中` : '开头说明中'}${quote(f.sentence)}：${what}`,
    });
  };
  for (const f of figures) {
    switch (f.kind) {
      case 'received':
        if (received !== null && f.value !== received)
          flag(f, ['apply.N.t'], received, `申请 ${f.value} 件，与${three}“${rowLabel(report.format, 'apply.N.t')}”总计 ${received} 不一致`);
        break;
      case 'handled':
        if (handled.length > 0 && !handled.includes(f.value))
          flag(f, ['apply.R7.t'], handled.join(' 或 '), `办理 ${f.value} 件，与${three}的办理数（一 + 二 或 （七）总计：${handled.join('、')}）不一致`);
        break;
      case 'carriedIn':
      case 'carriedOver': {
        const id = f.kind === 'carriedIn' ? 'apply.C.t' : 'apply.F.t';
        const value = v(id);
        const label = rowLabel(report.format, id);
        if (value !== null && f.value !== value)
          flag(f, [id], value, `结转 ${f.value} 件，与${three}“${label}”总计 ${value} 不一致`);
        break;
      }
      case 'reviews':
        if (reviews !== null && f.value !== reviews)
          flag(f, ['appeal.cases.reviewTotal'], reviews, `行政复议 ${f.value} 件，与${four}行政复议总计 ${reviews} 不一致`);
        break;
      case 'noReviews':
        if (reviews !== null && reviews !== 0)
          flag(f, ['appeal.cases.reviewTotal'], reviews, `称没有行政复议，但${four}行政复议总计为 ${reviews}`);
        break;
      case 'lawsuits':
        if (lawsuits !== null && f.value !== lawsuits)
          flag(f, ['appeal.cases.directTotal', 'appeal.cases.afterTotal'], lawsuits, `行政诉讼 ${f.value} 件，与${four}两类行政诉讼总计之和 ${lawsuits} 不一致`);
        break;
      case 'noLawsuits':
        if (lawsuits !== null && lawsuits !== 0)
          flag(f, ['appeal.cases.directTotal', 'appeal.cases.afterTotal'], lawsuits, `称没有行政诉讼，但${four}行政诉讼总计之和为 ${lawsuits}`);
        break;
      case 'normativeIssued': {
        const id = report.format === '2021' ? 'active1.normative.issued' : 'active1.normative.made';
        if (normative !== null && f.value !== normative)
          flag(f, [id], normative, `规范性文件 ${f.value} 件，与二、${cellDef(report.format, id)?.table.caption ?? ''}“${columnLabel(report.format, id)}” ${normative} 不一致`);
        break;
      }
      case 'breakdown': {
        // "其中" lists are often partial, so only parts that exceed the whole contradict it.
        const sum = (f.parts ?? []).reduce((a, b) => a + b, 0);
        if (sum > f.value) flag(f, [], `≤ ${f.value}`, `“其中”各项之和 ${(f.parts ?? []).join(' + ')} = ${sum}，超过总数 ${f.value}`);
        break;
      }
    }
  }
  // Without the tables, a stated 办理 that differs from the stated 收到 needs a carry-over to explain it.
  if (received === null && v('apply.C.t') === null) {
    const got = figures.find((f) => f.kind === 'received');
    const done = figures.find((f) => f.kind === 'handled' && got && f.value !== got.value);
    if (got && done)
      flag(done, [], got.value, `办理 ${done.value} 件，与${quote(got.sentence)}所说收到 ${got.value} 件不一致；只有上年结转为 ${done.value - got.value} 件时才相符，表格缺失无法核对`);
  }
  return drafts;
}

// Keyed by report year, which the schema holds to 2008–2100; the bound only guards odd callers.
const periodPatterns = new Map<number, RegExp>();

/** The statistical period of a report year as the intro may state it. */
function periodPattern(year: number): RegExp {
  let pattern = periodPatterns.get(year);
  if (!pattern) {
    pattern = new RegExp(`${year}年0?1月0?1日.{0,6}(至|到|—|－|-|~|～)(${year}年)?12月31日`);
    if (periodPatterns.size < 100) periodPatterns.set(year, pattern);
  }
  return pattern;
}

/** S8: the intro states the statistical period 1 January – 31 December of the report year. */
function checkPeriod(report: Report): Draft[] {
  const y = report.year;
  const text = report.intro.replace(/\s/g, '');
  if (periodPattern(y).test(text)) return [];
  return [
    {
      code: 'S8',
      key: 'S8:intro',
      section: '',
      cells: [fieldRef('', 'intro', '开头说明')],
      expected: `${y}年1月1日至${y}年12月31日`,
      message: `开头说明未写明统计期限（应为${y}年1月1日至${y}年12月31日）`,
    },
  ];
}

/**
 * S9: published no later than the deadline (Art. 49, or the local rule in `report.deadline`), and
 * not before the report's year is over; a local deadline that falls within the year is a slip too.
 */
function checkDeadline(report: Report): Draft[] {
  const drafts: Draft[] = [];
  const date = report.publicationDate;
  const deadline = deadlineOf(report);
  const yearEnd = `${report.year}-12-31`;
  const kind = report.deadline ? '本地规定的公布期限' : '法定公布期限';
  if (report.deadline && report.deadline <= yearEnd)
    drafts.push({
      code: 'S9',
      key: 'S9:deadline',
      section: '',
      cells: [fieldRef('', 'deadline', '本地规定的公布期限')],
      expected: `> ${yearEnd}`,
      actual: report.deadline,
      message: `本地规定的公布期限 ${chineseDate(report.deadline)} 不在报告年度（${report.year}年）结束之后，请核对`,
    });
  if (date && date <= yearEnd)
    drafts.push({
      code: 'S9',
      key: 'S9:publicationDate:early',
      section: '',
      cells: [fieldRef('', 'publicationDate', '发布日期')],
      expected: `> ${yearEnd}`,
      actual: date,
      message: `发布日期 ${chineseDate(date)} 不在报告年度（${report.year}年）结束之后：年度报告应在年度结束后发布，请核对`,
    });
  else if (date && date > deadline)
    drafts.push({
      code: 'S9',
      key: 'S9:publicationDate',
      section: '',
      cells: [fieldRef('', 'publicationDate', '发布日期')],
      expected: `≤ ${deadline}`,
      actual: date,
      message: `发布日期 ${chineseDate(date)} 晚于${kind} ${chineseDate(deadline)}（${deadlineSource(report)}）`,
    });
  return drafts;
}

const NOTHING_REFUSED: ReadonlySet<string> = new Set();

/**
 * Appends each of `from`, made a violation, to `to`. One function for every list the checks give:
 * an empty list is another kind of array to the engine than one holding findings, and a spread of
 * each list in place met those kinds one site at a time, each time throwing away checkReport's
 * optimised code (some ten times in a run of 10,000 reports).
 */
function appendTo<T>(to: Violation[], from: readonly T[], make: (item: T) => Violation): void {
  for (let i = 0; i < from.length; i++) to.push(make(from[i] as T));
}

/**
 * Every violation of H1–H7 (errors) and S1–S9 (warnings) in a possibly partial report.
 * Pure: the UI and the CLI only word and show what this returns.
 */
export function checkReport(report: Report, options: CheckOptions = {}): Violation[] {
  const refused = options.refused ?? NOTHING_REFUSED;
  const cells = new ReportCells(report);
  const { drafts: completeness, emptyTables } = checkCompleteness(report, cells, refused);
  const violations: Violation[] = [];
  // Loops, not map and filter: the arrays between them differ in kind from report to report (all undefined, some
  // findings), and each kind met late makes the engine throw its optimised code away and compile it again.
  const { plan } = cells;
  for (let i = 0; i < plan.cells.length; i++) {
    const draft = checkCellValue(report.format, plan.cells[i] as CellDef, cells.valueAt(i));
    if (draft !== undefined) violations.push(finish(draft));
  }
  for (const rule of plan.identities) {
    const violation = checkIdentity(report, cells, rule);
    if (violation !== undefined) violations.push(violation);
  }
  appendTo(violations, completeness, (d) => finish(d));
  const warning = (d: Draft) => finish(d, d.code === 'H7' ? 'warning' : SEVERITY[d.code]);
  appendTo(violations, checkTopics(report), warning);
  appendTo(violations, checkCarryOver(report, options), warning);
  appendTo(violations, checkDocuments(report, options), warning);
  appendTo(violations, checkFees(report), warning);
  appendTo(violations, checkNarrative(report), warning);
  appendTo(violations, checkBlanks(report, cells, emptyTables, refused), warning);
  appendTo(violations, checkPeriod(report), warning);
  appendTo(violations, checkDeadline(report), warning);
  return violations.sort(compareViolations);
}
