/**
 * Types of a declarative format definition. One definition per official format
 * (see format-2021.ts, format-2019.ts) is the single source of truth for every
 * heading, caption, row and column label, and for the id and kind of every data cell.
 */

export const FORMAT_IDS = ['2021', '2019'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** count: integer ≥ 0; signedCount: integer (2019 本年增/减); money: exact decimal in `unit`. */
export type CellKind = 'count' | 'signedCount' | 'money';

export type SectionNo = '一' | '二' | '三' | '四' | '五' | '六';

export interface ColumnDef {
  readonly id: string;
  readonly label: string;
  readonly kind: CellKind;
  /** Money only: the unit the amount is entered in, e.g. 万元. */
  readonly unit?: string;
  /** Money only: how many decimals are allowed. */
  readonly decimals?: number;
  /** Printed after the number inside the cell, for headers without a unit (2019 采购总金额). */
  readonly cellSuffix?: string;
  /** Grid columns this column spans in its table (section 二 blocks share a 4-column grid). */
  readonly span?: number;
  /** A total computed from other cells of its row (三 总计, 四 group 总计). */
  readonly computed?: boolean;
  /** Header group label above this column (三 法人或其他组织; 四 未经复议直接起诉…). */
  readonly group?: string;
  /** Outer header group above `group` (四 行政诉讼). */
  readonly outerGroup?: string;
}

export interface RowDef {
  readonly id: string;
  readonly label: string;
  /** A short name for messages, e.g. 一 or （七）总计. */
  readonly short?: string;
  /** Labels of the merged group cells to the left of this row, outermost first. */
  readonly groups: readonly string[];
  /** A total computed from the rows above it (三 （七）总计). */
  readonly computed?: boolean;
}

export interface TableDef {
  /** Stable id, first segment of every cell id of this table. */
  readonly id: string;
  readonly section: SectionNo;
  /** Caption row text (section 二 blocks), or a descriptive name for messages. */
  readonly caption: string;
  readonly family: 'active' | 'applications' | 'appeals';
  readonly rows: readonly RowDef[];
  readonly columns: readonly ColumnDef[];
  /** Empty trailing grid cells after the last column (2019 （八）/（九） rows, as published). */
  readonly padding?: number;
}

/** Row tree as written in the definition; flattened into RowDef[] with `groups`. */
export type RowTree =
  | { readonly id: string; readonly label: string; readonly short?: string; readonly computed?: boolean }
  | { readonly group: string; readonly children: readonly RowTree[] };

export interface FormatDefinition {
  readonly id: FormatId;
  /** The instrument that issued the format. */
  readonly source: string;
  /** Report years this format applies to, inclusive. */
  readonly years: readonly [number, number];
  readonly headings: Readonly<Record<SectionNo, string>>;
  /** Header of the first column of every section 二 block. */
  readonly activeHeader: string;
  /** 2019 and 2021 share the 三 note and column header. */
  readonly applicationsNote: string;
  readonly applicantsHeader: string;
  readonly appealsGroups: { readonly review: string; readonly litigation: string };
  readonly tables: readonly TableDef[];
}

export function flattenRows(tree: readonly RowTree[], groups: readonly string[] = []): RowDef[] {
  return tree.flatMap((node): RowDef[] =>
    'group' in node
      ? flattenRows(node.children, [...groups, node.group])
      : [{ ...node, groups }],
  );
}

/** Cell id: `${table}.${row}.${column}`, stable across versions of the report file. */
export function cellId(table: string, row: string, column: string): string {
  return `${table}.${row}.${column}`;
}
