import type { FormatId, TableDef } from './format';
import { cellId } from './format';
import { FORMATS } from './formats';

/**
 * The official table layouts with their merged cells, derived from a format definition.
 * The renderers print these grids and the wizard edits them, so both show the same table.
 */

export type GridCellRole = 'caption' | 'header' | 'label' | 'value' | 'empty';

export interface GridCell {
  readonly role: GridCellRole;
  /** Label text (caption, header, label); empty for value and empty cells. */
  readonly text: string;
  /** Value cells only: the data cell this grid cell shows. */
  readonly cellId?: string;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export interface GridRow {
  /** Data row id for value rows (e.g. `apply.R3_1`), undefined for caption and header rows. */
  readonly rowKey?: string;
  readonly cells: readonly GridCell[];
}

export interface Grid {
  readonly id: 'active' | 'applications' | 'appeals';
  /** Number of grid columns. */
  readonly columns: number;
  /** Relative column widths, summing to 100. */
  readonly widths: readonly number[];
  readonly head: readonly GridRow[];
  readonly body: readonly GridRow[];
}

const cell = (role: GridCellRole, text: string, rowSpan = 1, colSpan = 1, id?: string): GridCell =>
  id === undefined ? { role, text, rowSpan, colSpan } : { role, text, rowSpan, colSpan, cellId: id };

const ACTIVE_COLUMNS = 4;

/** Section 二: every block on one 4-column grid: caption row, header row, data rows [spec §1.2/§1.3]. */
function activeGrid(format: FormatId): Grid {
  const def = FORMATS[format];
  const body: GridRow[] = [];
  for (const table of def.tables.filter((t) => t.family === 'active')) {
    const pad = table.padding ?? 0;
    const padding = pad > 0 ? [cell('empty', '', 1, pad)] : [];
    body.push({ cells: [cell('caption', table.caption, 1, ACTIVE_COLUMNS)] });
    body.push({
      cells: [
        cell('header', def.activeHeader),
        ...table.columns.map((c) => cell('header', c.label, 1, c.span ?? 1)),
        ...padding,
      ],
    });
    for (const row of table.rows) {
      body.push({
        rowKey: `${table.id}.${row.id}`,
        cells: [
          cell('label', row.label),
          ...table.columns.map((c) => cell('value', '', 1, c.span ?? 1, cellId(table.id, row.id, c.id))),
          ...padding,
        ],
      });
    }
  }
  return { id: 'active', columns: ACTIVE_COLUMNS, widths: [28, 24, 24, 24], head: [], body };
}

/** Section 三: 3 label columns (vertical group, sub-group, item) and 7 value columns [spec §1.4]. */
function applicationsGrid(format: FormatId): Grid {
  const def = FORMATS[format];
  const table = def.tables.find((t) => t.family === 'applications') as TableDef;
  const [natural, ...rest] = table.columns;
  const legal = rest.filter((c) => c.group);
  const total = rest.find((c) => !c.group);
  if (!natural || !total) throw new Error('applications table needs 自然人 and 总计 columns');
  const head: GridRow[] = [
    { cells: [cell('header', def.applicationsNote, 3, 3), cell('header', def.applicantsHeader, 1, 7)] },
    {
      cells: [
        cell('header', natural.label, 2),
        cell('header', legal[0]?.group ?? '', 1, legal.length),
        cell('header', total.label, 2),
      ],
    },
    { cells: legal.map((c) => cell('header', c.label)) },
  ];

  const body: GridRow[] = [];
  const rows = table.rows;
  rows.forEach((row, i) => {
    const labels: GridCell[] = [];
    const [outer, inner] = row.groups;
    const prev = rows[i - 1];
    const span = (depth: number, label: string) =>
      rows.filter((r) => r.groups[depth] === label).length;
    if (outer === undefined) {
      labels.push(cell('label', row.label, 1, 3));
    } else {
      if (prev?.groups[0] !== outer) labels.push(cell('label', outer, span(0, outer)));
      if (inner === undefined) {
        labels.push(cell('label', row.label, 1, 2));
      } else {
        if (prev?.groups[1] !== inner) labels.push(cell('label', inner, span(1, inner)));
        labels.push(cell('label', row.label));
      }
    }
    body.push({
      rowKey: `${table.id}.${row.id}`,
      cells: [...labels, ...table.columns.map((c) => cell('value', '', 1, 1, cellId(table.id, row.id, c.id)))],
    });
  });
  return { id: 'applications', columns: 10, widths: [6, 8, 30, 8, 8, 8, 8, 8, 8, 8], head, body };
}

/** Section 四: 行政复议 (5) and 行政诉讼 (2 × 5) over one row of 15 numbers [spec §1.5]. */
function appealsGrid(format: FormatId): Grid {
  const def = FORMATS[format];
  const table = def.tables.find((t) => t.family === 'appeals') as TableDef;
  const groups = [...new Set(table.columns.map((c) => c.group ?? ''))];
  const review = table.columns.filter((c) => c.group === groups[0]);
  const litigation = table.columns.filter((c) => c.outerGroup);
  const [row] = table.rows;
  if (!row) throw new Error('appeals table needs its row');
  const head: GridRow[] = [
    {
      cells: [
        cell('header', def.appealsGroups.review, 1, review.length),
        cell('header', def.appealsGroups.litigation, 1, litigation.length),
      ],
    },
    {
      cells: [
        ...review.map((c) => cell('header', c.label, 2)),
        ...groups.slice(1).map((g) => cell('header', g, 1, table.columns.filter((c) => c.group === g).length)),
      ],
    },
    { cells: litigation.map((c) => cell('header', c.label)) },
  ];
  const body: GridRow[] = [
    {
      rowKey: `${table.id}.${row.id}`,
      cells: table.columns.map((c) => cell('value', '', 1, 1, cellId(table.id, row.id, c.id))),
    },
  ];
  return {
    id: 'appeals',
    columns: table.columns.length,
    widths: table.columns.map(() => 100 / table.columns.length),
    head,
    body,
  };
}

export function gridsOf(format: FormatId): { active: Grid; applications: Grid; appeals: Grid } {
  return { active: activeGrid(format), applications: applicationsGrid(format), appeals: appealsGrid(format) };
}

/** Checks that every row of a grid covers exactly `columns` grid columns, honouring row spans. */
export function gridWidthErrors(grid: Grid): string[] {
  const errors: string[] = [];
  for (const rows of [grid.head, grid.body]) {
    const carry: number[] = [];
    rows.forEach((row, r) => {
      const covered = carry.filter((until) => until > r).length;
      const own = row.cells.reduce((n, c) => n + c.colSpan, 0);
      if (covered + own !== grid.columns) errors.push(`row ${r}: ${covered} + ${own} ≠ ${grid.columns}`);
      for (const c of row.cells) for (let k = 0; k < c.colSpan; k++) if (c.rowSpan > 1) carry.push(r + c.rowSpan);
    });
  }
  return errors;
}
