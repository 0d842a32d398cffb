import type { SectionNo } from '../model/format';
import { cellDef } from '../model/formats';
import type { CellValue, Report } from '../model/report';
import { FEE_LABELS, cellValue } from '../model/report';
import { cellRef, checkReport } from '../rules/check';
import { totalsToReconcile } from '../rules/totals';
import type { CellRef, Violation } from '../rules/violation';
import type { CellInputSpec } from './cell-input';
import { normaliseCellInput } from './cell-input';
import { acceptComputed, setCells } from './report-edit';

/**
 * The draft being edited and everything derived from it (findings per cell), with
 * per-key subscriptions so a keystroke re-renders only the cells whose state changed.
 */

export interface InputProblem {
  readonly raw: string;
  readonly message: string;
}

/** Report fields outside the tables that take numbers (section 六 fee figures). */
export const FEE_FIELDS = {
  'other.feeNotices': { label: FEE_LABELS.feeNotices, spec: { kind: 'count' } },
  'other.feeNoticeAmount': {
    label: `${FEE_LABELS.feeNoticeAmount}（元）`,
    spec: { kind: 'money', decimals: 2, unit: '元' },
  },
  'other.feeCollected': {
    label: `${FEE_LABELS.feeCollected}（元）`,
    spec: { kind: 'money', decimals: 2, unit: '元' },
  },
} as const satisfies Record<string, { label: string; spec: CellInputSpec }>;
export type FeeField = keyof typeof FEE_FIELDS;

export function isFeeField(id: string): id is FeeField {
  return id in FEE_FIELDS;
}

const EMPTY: readonly Violation[] = [];
const NO_REFUSED: Readonly<Record<string, string>> = {};

/** The input spec of a table cell or fee field. */
export function inputSpecOf(report: Pick<Report, 'format'>, id: string): CellInputSpec | undefined {
  if (isFeeField(id)) return FEE_FIELDS[id].spec;
  const def = cellDef(report.format, id);
  if (!def) return undefined;
  return {
    kind: def.kind,
    decimals: def.column.decimals,
    unit: def.column.unit,
  };
}

function refOf(report: Report, id: string): CellRef {
  if (isFeeField(id))
    return {
      id,
      section: '六',
      table: '',
      row: '',
      rowLabel: '',
      column: id,
      columnLabel: FEE_FIELDS[id].label,
    };
  return cellRef(report.format, id);
}

function fieldValue(report: Report, id: string): CellValue {
  if (isFeeField(id)) return report.other[id.slice('other.'.length) as keyof Report['other']] as CellValue;
  return cellValue(report, id);
}

export class ReportStore {
  #report: Report;
  readonly lastYear: Report | undefined;
  #inputs = new Map<string, InputProblem>();
  #violations: readonly Violation[] = [];
  #byCell = new Map<string, readonly Violation[]>();
  #differences = new Map<string, number>();
  #listeners = new Set<() => void>();

  #refused: Readonly<Record<string, string>> = NO_REFUSED;

  /** `refused`: entries refused earlier (a reopened draft's), shown again at their cells with their errors. */
  constructor(report: Report, lastYear?: Report, refused: Readonly<Record<string, string>> = NO_REFUSED) {
    this.#report = report;
    this.lastYear = lastYear;
    this.#recheck();
    // As typed again: still refused, shown with its error; accepted now (a cell may read more forms
    // than when it was typed), taken into the report.
    const entries = Object.entries(refused).map(([id, raw]) => ({ id, raw }));
    if (entries.length > 0) this.enter(entries);
  }

  /**
   * What the clerk typed into cells and the wizard refused, as typed, by cell id: saved with the
   * draft, so a reload shows the entry and its error again rather than the cell's last good value
   * alone. The same object until an entry is refused or mended.
   */
  get refused(): Readonly<Record<string, string>> {
    return this.#refused;
  }

  #syncRefused(): void {
    const same =
      Object.keys(this.#refused).length === this.#inputs.size &&
      [...this.#inputs].every(([id, problem]) => this.#refused[id] === problem.raw);
    if (!same) this.#refused = this.#inputs.size === 0 ? NO_REFUSED : Object.fromEntries([...this.#inputs].map(([id, p]) => [id, p.raw]));
  }

  get report(): Report {
    return this.#report;
  }

  /** Checker findings (a wrong stored total among them) and refused inputs. */
  get violations(): readonly Violation[] {
    return this.#violations;
  }

  get hasErrors(): boolean {
    return this.#violations.some((v) => v.severity === 'error');
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  violationsAt(id: string): readonly Violation[] {
    return this.#byCell.get(id) ?? EMPTY;
  }

  /** The computed value of a total whose stored value is wrong or blank while its parts are all filled. */
  computedFor(id: string): number | undefined {
    return this.#differences.get(id);
  }

  inputProblem(id: string): InputProblem | undefined {
    return this.#inputs.get(id);
  }

  value(id: string): CellValue {
    return fieldValue(this.#report, id);
  }

  /** Any edit of the report as a whole (texts, basic information, notes). */
  update(edit: (report: Report) => Report): void {
    this.#set(edit(this.#report));
  }

  /** What the clerk typed into number inputs: normalised, or refused at the cell. */
  enter(entries: readonly { readonly id: string; readonly raw: string }[]): void {
    const cells: Record<string, CellValue> = {};
    const fees: Partial<Record<FeeField, CellValue>> = {};
    for (const { id, raw } of entries) {
      const spec = inputSpecOf(this.#report, id);
      if (!spec) continue;
      const result = normaliseCellInput(raw, spec);
      if (!result.ok) {
        this.#inputs.set(id, { raw, message: result.message });
        // A refused entry holds no figure: the cell is blank until it is mended, so no total, check,
        // export or report file uses a number the clerk did not type (the "12" on the way to "12.5").
        if (fieldValue(this.#report, id) === null) continue;
        if (isFeeField(id)) fees[id] = null;
        else cells[id] = null;
        continue;
      }
      this.#inputs.delete(id);
      if (isFeeField(id)) fees[id] = result.value;
      else cells[id] = result.value;
    }
    this.#syncRefused();
    let next = Object.keys(cells).length > 0 ? setCells(this.#report, cells) : this.#report;
    if (Object.keys(fees).length > 0) {
      const other = { ...next.other };
      for (const [id, value] of Object.entries(fees)) (other as Record<string, CellValue>)[id.slice(6)] = value;
      next = { ...next, other };
    }
    this.#set(next);
  }

  acceptComputed(id: string): void {
    this.#set(acceptComputed(this.#report, id));
  }

  /**
   * Whether the clerk may be offered `value` for an entered cell: only what the cell itself would
   * accept if typed (an identity can expect a negative count: 结转 = 一 + 二 − （七） < 0).
   */
  accepts(id: string, value: number | string): boolean {
    const spec = inputSpecOf(this.#report, id);
    return spec !== undefined && normaliseCellInput(String(value), spec).ok;
  }

  /** Sets an entered cell to a value the checker expects (e.g. 结转下年度 = 一 + 二 − （七）), if the cell accepts it. */
  useExpected(id: string, value: number): void {
    if (!this.accepts(id, value)) return;
    this.#inputs.delete(id);
    this.#syncRefused();
    this.#set(setCells(this.#report, { [id]: value }));
  }

  setNote(key: string, note: string): void {
    const notes = { ...this.#report.notes };
    if (note.trim()) notes[key] = note;
    else delete notes[key];
    this.#set({ ...this.#report, notes });
  }

  #set(report: Report): void {
    this.#report = report;
    this.#recheck();
    for (const listener of [...this.#listeners]) listener();
  }

  #recheck(): void {
    const report = this.#report;
    const refused = new Set(this.#inputs.keys());
    const checked = checkReport(report, this.lastYear ? { lastYear: this.lastYear, refused } : { refused });
    // A wrong stored total is an H2–H4 error of the checker; the cell offers the computed value.
    this.#differences = totalsToReconcile(report);
    const inputs = [...this.#inputs].map(([id, problem]): Violation => {
      const ref = refOf(report, id);
      const spec = inputSpecOf(report, id);
      return {
        code: spec?.kind === 'money' ? 'H6' : 'H5',
        severity: 'error',
        key: `input:${id}`,
        section: ref.section as SectionNo | '',
        cells: [ref],
        expected: null,
        actual: problem.raw,
        message: `${[ref.rowLabel, ref.columnLabel].filter(Boolean).join(' · ')}：${problem.message}`,
      };
    });
    const all = [...inputs, ...checked];
    const order = ['', '一', '二', '三', '四', '五', '六'];
    const sorted = all
      .map((v, i) => ({ v, i }))
      .sort(
        (a, b) =>
          order.indexOf(a.v.section) - order.indexOf(b.v.section) ||
          (a.v.severity === b.v.severity ? a.i - b.i : a.v.severity === 'error' ? -1 : 1),
      )
      .map(({ v }) => v);
    this.#violations = keepUnchanged(this.#violations, sorted);
    const byCell = new Map<string, Violation[]>();
    for (const v of this.#violations)
      for (const c of v.cells) {
        const list = byCell.get(c.id) ?? [];
        if (!list.includes(v)) list.push(v);
        byCell.set(c.id, list);
      }
    // Keep the previous array when a cell's findings did not change, so its subscribers stay idle.
    const previous = this.#byCell;
    this.#byCell = new Map(
      [...byCell].map(([id, list]) => {
        const old = previous.get(id);
        return [id, old && sameList(old, list) ? old : list];
      }),
    );
  }
}

const sameList = (a: readonly Violation[], b: readonly Violation[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function sameFinding(a: Violation, b: Violation): boolean {
  return (
    a.code === b.code &&
    a.severity === b.severity &&
    a.section === b.section &&
    a.message === b.message &&
    a.expected === b.expected &&
    a.actual === b.actual &&
    a.cells.length === b.cells.length &&
    a.cells.every((c, i) => c.id === b.cells[i]?.id)
  );
}

/**
 * The new findings, each as its previous object when it did not change (and the previous list
 * when none did), so a keystroke re-renders only the findings it changed (panel, step bar, cells).
 */
function keepUnchanged(previous: readonly Violation[], next: readonly Violation[]): readonly Violation[] {
  const before = new Map(previous.map((v) => [v.key, v]));
  const kept = next.map((v) => {
    const old = before.get(v.key);
    return old && sameFinding(old, v) ? old : v;
  });
  return sameList(previous, kept) ? previous : kept;
}
