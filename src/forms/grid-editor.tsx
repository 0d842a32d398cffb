import type { ClipboardEvent, KeyboardEvent } from 'react';
import { createContext, memo, useContext, useMemo, useRef, useState } from 'react';
import { cellDef } from '../model/formats';
import type { Grid, GridCell } from '../model/layout';
import type { Violation } from '../rules/violation';
import { formatCellInput } from './cell-input';
import type { CellMatrix, Direction } from './grid-nav';
import { cellMatrix, moveFrom, parseTsv, planPaste } from './grid-nav';
import { cellLabel } from './report-edit';
import type { ReportStore } from './report-store';
import { FindingList } from './finding-list';
import { RULE_NAMES, domIdOf } from './targets';
import { Signal, useSignal, useStoreValue } from './use-store';

/** One official table as an editable grid: same labels, same merges as the printed table. */

interface GridContext {
  readonly store: ReportStore;
  readonly matrix: CellMatrix;
  readonly editable: (id: string) => boolean;
  readonly focused: Signal<string | null>;
  readonly onPasted: (message: string) => void;
  /** Null, except in the benchmark baseline (NAIVE_GRID): the report, so every cell re-renders. */
  readonly revision: unknown;
}

const Ctx = createContext<GridContext | null>(null);

function useGrid(): GridContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('grid cell outside GridEditor');
  return ctx;
}

const KEY_DIRECTION: Readonly<Record<string, Direction>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/** The move a key asks for in the grid: Enter down, Shift+Enter up, an arrow key its way. */
function keyDirection(e: { key: string; shiftKey: boolean }): Direction | undefined {
  if (e.key === 'Enter') return e.shiftKey ? 'up' : 'down';
  return Object.hasOwn(KEY_DIRECTION, e.key) ? KEY_DIRECTION[e.key] : undefined;
}

function focusCell(id: string | undefined): void {
  if (!id) return;
  const el = document.getElementById(domIdOf(id));
  if (el instanceof HTMLInputElement) {
    el.focus();
    el.select();
  }
}

const CellField = memo(function CellField({ id }: { id: string }) {
  const { store } = useGrid();
  const value = useStoreValue(store, (s) => s.value(id));
  const problem = useStoreValue(store, (s) => s.inputProblem(id));
  const findings = useStoreValue(store, (s) => s.violationsAt(id));
  const [typing, setTyping] = useState<string | null>(null);
  const format = store.report.format;
  const label = cellLabel(store.report, id);
  const errors = findings.some((v) => v.severity === 'error');
  const warnings = findings.length > 0 && !errors;
  const className = `cell${errors ? ' cell--error' : warnings ? ' cell--warning' : ''}`;
  const title = findings.map((v) => `${RULE_NAMES[v.code]}：${v.message}`).join('\n');

  if (cellDef(format, id)?.computed) {
    return <ComputedCell id={id} label={label} value={value} className={className} title={title} />;
  }

  const h1 = findings.find((v) => v.code === 'H1' && v.cells[0]?.id === id && typeof v.expected === 'number');
  const shown = typing ?? problem?.raw ?? formatCellInput(value);
  // Each cell is its own form: after every change Chromium's autofill reads every control of the
  // field's form (all formless controls of the page when there is none), ~7 ms a key on this grid.
  return (
    <td className={className} title={title || undefined}>
      <form className="cell-form" noValidate onSubmit={(e) => e.preventDefault()}>
        <CellInput id={id} label={label} shown={shown} errors={errors} problem={problem !== undefined} setTyping={setTyping} />
        {problem && (
          <span id={`${domIdOf(id)}-problem`} className="cell-problem">
            {problem.message}
          </span>
        )}
        {h1 &&
          typeof h1.expected === 'number' &&
          (store.accepts(id, h1.expected) ? (
            <button
              type="button"
              className="use-computed"
              onClick={() => {
                // The button goes with the finding: focus stays at the cell just filled.
                store.useExpected(id, h1.expected as number);
                focusCell(id);
              }}
            >
              使用计算值 {h1.expected}
            </button>
          ) : (
            // A value the cell refuses (a negative 结转): said in the button's place, never offered.
            <button type="button" className="use-computed" disabled>
              计算值 {h1.expected}，不能填入
            </button>
          ))}
      </form>
    </td>
  );
});

/**
 * The cell's input, apart from its cell: a key that changes a cell's findings (its colour, its
 * title) re-renders the cell, not the input, whose every re-render makes React write its `type`
 * and `name` again (style invalidation of the input each time). In the naive baseline the grid
 * context changes on every key, so every input re-renders still.
 */
const CellInput = memo(function CellInput(props: {
  id: string;
  label: string;
  shown: string;
  errors: boolean;
  /** The cell's entry is refused: its message (next to the input) describes the input. */
  problem: boolean;
  setTyping: (typing: string | null) => void;
}) {
  const { id, setTyping } = props;
  const { store, matrix, editable, focused, onPasted } = useGrid();
  // A click focuses and selects; its mouseup must not then drop the selection.
  const keepSelection = useRef(false);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    let direction = keyDirection(e);
    // Left and right move the caret first: they leave the cell from its edge, or with all selected.
    if (direction === 'left' || direction === 'right') {
      const start = el.selectionStart ?? 0;
      const end = el.selectionEnd ?? 0;
      const all = start === 0 && end === el.value.length;
      if (direction === 'left' && !(all || end === 0)) direction = undefined;
      if (direction === 'right' && !(all || start === el.value.length)) direction = undefined;
    }
    if (!direction) return;
    e.preventDefault();
    focusCell(moveFrom(matrix, id, direction, editable));
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.replace(/[\r\n]+$/, ''))) return;
    e.preventDefault();
    const plan = planPaste(matrix, id, parseTsv(text), editable);
    store.enter(plan.targets);
    setTyping(null);
    const notes = [`已粘贴 ${plan.targets.length} 个单元格`];
    if (plan.skippedTotals > 0) notes.push(`${plan.skippedTotals} 个值落在总计单元格上，总计按计算值显示`);
    if (plan.outside > 0) notes.push(`${plan.outside} 个值超出表格，未粘贴`);
    if (plan.merged > 0) notes.push(`${plan.merged} 个值落在合并单元格的其余部分，未粘贴`);
    onPasted(notes.join('；'));
  };

  return (
    <input
      id={domIdOf(id)}
      className="cell-input"
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      aria-label={props.label}
      aria-invalid={props.errors || props.problem || undefined}
      aria-describedby={props.problem ? `${domIdOf(id)}-problem` : undefined}
      value={props.shown}
      onFocus={(e) => {
        focused.set(id);
        e.currentTarget.select();
        keepSelection.current = true;
      }}
      onMouseUp={(e) => {
        if (keepSelection.current) e.preventDefault();
        keepSelection.current = false;
      }}
      onBlur={() => setTyping(null)}
      onChange={(e) => {
        setTyping(e.target.value);
        store.enter([{ id, raw: e.target.value }]);
      }}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
    />
  );
});

function ComputedCell(props: { id: string; label: string; value: unknown; className: string; title: string }) {
  const { store, matrix, editable } = useGrid();
  const computed = useStoreValue(store, (s) => s.computedFor(props.id));
  // Focused by a finding's link (not in the Tab order): the arrow keys and Enter go on to the cells around it.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const direction = keyDirection(e);
    if (!direction) return;
    e.preventDefault();
    focusCell(moveFrom(matrix, props.id, direction, editable));
  };
  return (
    <td className={`${props.className} cell--computed`} title={props.title || '自动计算'}>
      <output id={domIdOf(props.id)} aria-label={`${props.label}（自动计算）`} tabIndex={-1} onKeyDown={onKeyDown}>
        {formatCellInput(props.value as number | null)}
      </output>
      {computed !== undefined && (
        <button
          type="button"
          className="use-computed"
          onClick={() => {
            store.acceptComputed(props.id);
            document.getElementById(domIdOf(props.id))?.focus();
          }}
        >
          使用计算值 {computed}
        </button>
      )}
    </td>
  );
}

function StaticCell({ cell, header }: { cell: GridCell; header: boolean }) {
  const spans = {
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
  };
  if (cell.role === 'value' && cell.cellId) return <CellField id={cell.cellId} />;
  const Tag = header || cell.role === 'caption' || cell.role === 'header' ? 'th' : 'td';
  return (
    <Tag {...spans} className={`grid-${cell.role}`} scope={Tag === 'th' ? 'col' : undefined}>
      {cell.text}
    </Tag>
  );
}

const NO_FINDINGS: readonly Violation[] = [];

/**
 * What the focused cell's findings say, above the table. The box keeps one shape: a label line
 * and a list (empty when there is nothing to say), so a key that changes the findings only
 * changes text and list items inside it, and the box stays a layout boundary (app.css).
 */
function FocusedFindings() {
  const { store, focused } = useGrid();
  const id = useSignal(focused);
  const findings = useStoreValue(store, (s) => (id ? s.violationsAt(id) : NO_FINDINGS));
  if (!id)
    return (
      <p className="focus-info focus-info--idle">
        用 Tab、回车和方向键在单元格间移动；可直接粘贴从 Excel/WPS 复制的表格区域。
      </p>
    );
  return (
    <div className="focus-info" aria-live="polite">
      <p className="focus-cell">
        <strong>{cellLabel(store.report, id)}</strong>
        {findings.length === 0 && <span className="ok"> 无问题</span>}
      </p>
      <FindingList findings={findings} />
    </div>
  );
}

/**
 * Benchmark baseline only (bench/typing.ts): `?naive-grid` in the address makes the grid depend on
 * the whole report, so every cell re-renders on every keystroke. The app never sets it.
 */
const NAIVE_GRID = typeof location !== 'undefined' && new URLSearchParams(location.search).has('naive-grid');

export function GridEditor({ store, grid, caption }: { store: ReportStore; grid: Grid; caption: string }) {
  const [pasted, setPasted] = useState('');
  const [focused] = useState(() => new Signal<string | null>(null));
  const revision = useStoreValue(store, (s) => (NAIVE_GRID ? s.report : null));
  const ctx = useMemo<GridContext>(
    () => ({
      store,
      matrix: cellMatrix(grid),
      editable: (id: string) => !cellDef(store.report.format, id)?.computed,
      focused,
      onPasted: setPasted,
      revision,
    }),
    [store, grid, focused, revision],
  );
  return (
    <Ctx.Provider value={ctx}>
      <FocusedFindings />
      {pasted && (
        <p className="paste-note" role="status">
          {pasted}
        </p>
      )}
      <div className="grid-scroll">
        <table className={`grid grid--${grid.id}`} aria-label={caption}>
          <colgroup>
            {grid.widths.map((w, i) => (
              <col key={i} style={{ width: `${w}%` }} />
            ))}
          </colgroup>
          {grid.head.length > 0 && (
            <thead>
              {grid.head.map((row, r) => (
                <tr key={r}>
                  {row.cells.map((cell, c) => (
                    <StaticCell key={c} cell={cell} header />
                  ))}
                </tr>
              ))}
            </thead>
          )}
          <tbody>
            {grid.body.map((row, r) => (
              <tr key={row.rowKey ?? `r${r}`}>
                {row.cells.map((cell, c) => (
                  <StaticCell key={cell.cellId ?? c} cell={cell} header={false} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Ctx.Provider>
  );
}
