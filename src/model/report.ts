import { z } from 'zod';
import type { CellKind, ColumnDef, FormatId, TableDef } from './format';
import { FORMAT_IDS, cellId } from './format';
import { cellsOf } from './formats';
import { moneyPattern } from './money';

/**
 * The report file (JSON), version 1. Its zod schema is derived from the format
 * definitions: each format has its own set of cell ids. See docs/report-file.md.
 */
export const REPORT_FILE_KIND = 'xxgk-report';
export const REPORT_FILE_VERSION = 1;

export const AGENCY_KINDS = ['government', 'department', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KIND_LABELS: Readonly<Record<AgencyKind, string>> = {
  government: '人民政府',
  department: '政府部门',
  other: '其他机关',
};

/** Section 一 topic blocks [spec §3.1]; `other` is a block of the clerk's own. */
export const OVERVIEW_TOPICS = [
  'proactive',
  'onRequest',
  'management',
  'platform',
  'oversight',
  'other',
] as const;
export type OverviewTopic = (typeof OVERVIEW_TOPICS)[number];
export const OVERVIEW_TOPIC_LABELS: Readonly<Record<OverviewTopic, string>> = {
  proactive: '主动公开',
  onRequest: '依申请公开',
  management: '政府信息管理',
  platform: '政府信息公开平台建设',
  oversight: '监督保障',
  other: '其他',
};

/** Section 六's fee figures (信息处理费, in 元), as the 2021 format names them. */
export const FEE_LABELS = {
  feeNotices: '收费通知件数',
  feeNoticeAmount: '收费通知总金额',
  feeCollected: '实际收取总金额',
} as const;

const COUNT_MAX = Number.MAX_SAFE_INTEGER;

function countSchema(signed: boolean) {
  // Too large is the one message for a number beyond 2^53 (which is also not a "safe" integer).
  const bounded = z.number({ error: '应为数字' }).max(COUNT_MAX, { error: '数值过大', abort: true });
  return (signed ? bounded.min(-COUNT_MAX, { error: '数值过大', abort: true }) : bounded.min(0, { error: '不能为负数' }))
    .int({ error: signed ? '应为整数' : '应为不含小数的整数' })
    .nullable()
    .default(null);
}

/** Money as an exact decimal string; a JSON number is accepted and turned into its decimal text. */
export function moneySchema(decimals: number, unit: string) {
  return z
    .preprocess(
      (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
      z
        .string({ error: `应为以${unit}计的金额` })
        .trim()
        .regex(moneyPattern(decimals), {
          error: `应为不小于 0 的金额（单位：${unit}，最多 ${decimals} 位小数）`,
        }),
    )
    .nullable()
    .default(null);
}

function cellSchema(kind: CellKind, column: ColumnDef) {
  if (kind === 'money') return moneySchema(column.decimals ?? 4, column.unit ?? '万元');
  return countSchema(kind === 'signedCount');
}

function cellsSchema(format: FormatId) {
  const shape = Object.fromEntries(cellsOf(format).map((c) => [c.id, cellSchema(c.kind, c.column)]));
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${format} 年版格式中没有这些单元格：${issue.keys.slice(0, 20).join('、')}${issue.keys.length > 20 ? ` 等 ${issue.keys.length} 个` : ''}`
        : '应为以单元格编号为键的对象',
  });
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应写成 YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: '不是有效的日期',
  });

const text = z.string({ error: '应为文字' }).default('');

const overviewBlock = z.object({
  topic: z.enum(OVERVIEW_TOPICS, { error: `主题应为 ${OVERVIEW_TOPICS.join('、')} 之一` }),
  title: text,
  text,
});

const applicantColumns = ['p', 'b', 'r', 's', 'l', 'o', 't'] as const;
const optionalCount = countSchema(false);

/** What a new draft keeps of last year's report, for S1 and S2 [spec §2]. */
const baselineSchema = z.object({
  year: z.number().int(),
  /** Last year's 四、结转下年度继续办理, per applicant column. */
  carryOver: z.object(Object.fromEntries(applicantColumns.map((c) => [c, optionalCount]))).default({}),
  /** Last year's 现行有效件数 (2021 format) per section 二（一） row. */
  inForce: z.object({ rules: optionalCount, normative: optionalCount }).default({ rules: null, normative: null }),
});

function reportSchemaFor<F extends FormatId>(format: F) {
  return z.object({
    kind: z.literal(REPORT_FILE_KIND, { error: `不是 xxgk 年报文件（kind 应为 "${REPORT_FILE_KIND}"）` }),
    version: z.literal(REPORT_FILE_VERSION, { error: `不支持的文件版本（应为 ${REPORT_FILE_VERSION}）` }),
    format: z.literal(format),
    agency: z.object({
      name: z.string({ error: '应为文字' }).trim().min(1, { error: '机关名称不能为空' }),
      kind: z.enum(AGENCY_KINDS, { error: '机关类型应为 government（人民政府）、department（政府部门）或 other' }),
    }),
    year: z.number({ error: '应为年份数字' }).int({ error: '应为整数年份' }).min(2008, { error: '年份过早' }).max(2100, { error: '年份过大' }),
    publicationDate: isoDate.nullable().default(null),
    /** Overrides the Art. 49 deadline where local rules differ (e.g. townships). */
    deadline: isoDate.nullable().default(null),
    intro: text,
    overview: z
      .object({ lead: text, blocks: z.array(overviewBlock).default([]) })
      .default({ lead: '', blocks: [] }),
    /** Text printed before the tables of sections 二, 三, 四. */
    tableNotes: z
      .object({ active: text, applications: text, appeals: text })
      .default({ active: '', applications: '', appeals: '' }),
    cells: cellsSchema(format).prefault({}),
    problems: z.object({ lastYear: text, thisYear: text }).default({ lastYear: '', thisYear: '' }),
    other: z
      .object({
        feeNotices: optionalCount,
        feeNoticeAmount: moneySchema(2, '元'),
        feeCollected: moneySchema(2, '元'),
        items: text,
      })
      .default({ feeNotices: null, feeNoticeAmount: null, feeCollected: null, items: '' }),
    /** Explanation notes attached to warnings, keyed by violation key. */
    notes: z.record(z.string(), z.string()).default({}),
    baseline: baselineSchema.nullable().default(null),
  });
}

export const reportSchema = z.discriminatedUnion(
  'format',
  [reportSchemaFor('2021'), reportSchemaFor('2019')],
  { error: `format 应为 ${FORMAT_IDS.map((f) => `"${f}"`).join(' 或 ')}` },
);

export type ReportInput = z.input<typeof reportSchema>;
export type Report = z.output<typeof reportSchema>;
export type CellValue = number | string | null;
export type Baseline = NonNullable<Report['baseline']>;
export type OverviewBlock = Report['overview']['blocks'][number];

export function cellValue(report: Report, id: string): CellValue {
  return (report.cells as Record<string, CellValue | undefined>)[id] ?? null;
}

/**
 * The values of an object's own keys when those keys are exactly `ids`, in that order (as the
 * report file schema, parseReportFast and mostly the importer give a report's cells); else
 * undefined. Reading the values in one go spares some 200 lookups by key.
 */
export function valuesInKeyOrder(record: object, ids: readonly string[]): unknown[] | undefined {
  const keys = Object.keys(record);
  if (keys.length !== ids.length) return undefined;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== ids[i]) return undefined;
  return Object.values(record);
}

const idGrids = new WeakMap<TableDef, ReadonlyMap<string, ReadonlyMap<string, string>>>();

/**
 * cellId of a table's cell, from ids built once per table. Looking up `report.cells` with the same
 * string each time is fast; a freshly built key string costs a string-table lookup on every access.
 */
export function tableCellId(table: TableDef, row: string, column: string): string {
  let grid = idGrids.get(table);
  if (!grid) {
    grid = new Map(table.rows.map((r) => [r.id, new Map(table.columns.map((c) => [c.id, cellId(table.id, r.id, c.id)]))]));
    idGrids.set(table, grid);
  }
  return grid.get(row)?.get(column) ?? cellId(table.id, row, column);
}
