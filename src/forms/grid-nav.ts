import type { Grid } from '../model/layout';

/**
 * Keyboard movement and block paste on an official grid. The grid's merged cells are laid
 * out on a matrix of grid positions, so "down" and "right" follow the printed table.
 */

/** Body rows × grid columns; each position holds the value cell id covering it, if any. */
export type CellMatrix = readonly (readonly (string | undefined)[])[];

export function cellMatrix(grid: Grid): CellMatrix {
  const matrix: (string | undefined)[][] = grid.body.map(() => []);
  const taken: boolean[][] = grid.body.map(() => []);
  grid.body.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (taken[r]?.[c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const rr = r + dr;
          if (rr >= grid.body.length) continue;
          (taken[rr] as boolean[])[c + dc] = true;
          if (cell.role === 'value' && cell.cellId) (matrix[rr] as (string | undefined)[])[c + dc] = cell.cellId;
        }
      }
      c += cell.colSpan;
    }
  });
  return matrix;
}

export interface MatrixPosition {
  readonly row: number;
  readonly col: number;
}

/** Top-left grid position of a value cell. */
export function positionOf(matrix: CellMatrix, id: string): MatrixPosition | undefined {
  for (let row = 0; row < matrix.length; row++) {
    const col = (matrix[row] ?? []).indexOf(id);
    if (col >= 0) return { row, col };
  }
  return undefined;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

const STEP: Readonly<Record<Direction, readonly [number, number]>> = {
  up: [-1, 0],
  down: [1, 0],
  left: [0, -1],
  right: [0, 1],
};

/** The nearest editable cell from `id` in `direction`, or undefined at the table's edge. */
export function moveFrom(
  matrix: CellMatrix,
  id: string,
  direction: Direction,
  editable: (id: string) => boolean,
): string | undefined {
  const start = positionOf(matrix, id);
  if (!start) return undefined;
  const [dr, dc] = STEP[direction];
  let { row, col } = start;
  for (;;) {
    row += dr;
    col += dc;
    if (row < 0 || row >= matrix.length || col < 0) return undefined;
    const line = matrix[row] ?? [];
    if (dc !== 0 && col >= line.length) return undefined;
    const found = line[col];
    if (found !== undefined && found !== id && editable(found)) return found;
  }
}

/** A block copied from Excel or WPS: rows on lines, cells separated by tabs. */
export function parseTsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines.map((line) => line.split('\t').map((cell) => cell.replace(/^"(.*)"$/s, '$1')));
}

export interface PastePlan {
  /** Editable cells to fill, in reading order, with the text pasted into each. */
  readonly targets: readonly { readonly id: string; readonly raw: string }[];
  /** Pasted values that fell on computed totals (they stay computed). */
  readonly skippedTotals: number;
  /** Pasted values that fell outside the table (past its last row or column, or into the next table of 二). */
  readonly outside: number;
  /** Pasted values that fell on the rest of a merged cell already given the value before them. */
  readonly merged: number;
}

/**
 * Lays a pasted block over the grid from the focused cell: block rows go to the following rows
 * that hold values, up to the end of the focused cell's table (a row without values, such as the
 * next 二 table's caption, ends it); block columns go to the following grid columns, a merged
 * cell taking the first value that falls on it (a spreadsheet copies a merged cell as the value
 * then empty cells).
 */
export function planPaste(
  matrix: CellMatrix,
  startId: string,
  block: readonly (readonly string[])[],
  editable: (id: string) => boolean,
): PastePlan {
  const start = positionOf(matrix, startId);
  if (!start) return { targets: [], skippedTotals: 0, outside: block.flat().length, merged: 0 };
  const valueRows: { line: readonly (string | undefined)[] }[] = [];
  for (const line of matrix.slice(start.row)) {
    if (!line.some((id) => id !== undefined)) break;
    valueRows.push({ line });
  }
  const targets: { id: string; raw: string }[] = [];
  const seen = new Set<string>();
  let skippedTotals = 0;
  let outside = 0;
  let merged = 0;
  block.forEach((cells, i) => {
    const line = valueRows[i]?.line;
    cells.forEach((raw, j) => {
      const id = line?.[start.col + j];
      if (id === undefined) {
        if (raw.trim() !== '') outside++;
      } else if (!editable(id)) {
        if (raw.trim() !== '') skippedTotals++;
      } else if (!seen.has(id)) {
        seen.add(id);
        targets.push({ id, raw });
      } else if (raw.trim() !== '') merged++;
    });
  });
  return { targets, skippedTotals, outside, merged };
}
