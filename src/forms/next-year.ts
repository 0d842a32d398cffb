import { cellId } from '../model/format';
import { tableOf } from '../model/formats';
import type { Baseline, CellValue, Report } from '../model/report';
import { newReport } from '../model/report-file';
import { countValue } from '../rules/totals';
import { setCells } from './report-edit';

/**
 * A new draft for the year after `last`: 上年结转 = last year's 结转下年度继续办理 per column,
 * last year's 现行有效件数 kept as the S2 baseline, and 五's first part taken from last year's
 * "this year's problems and measures".
 */
export function nextYearReport(last: Report): Report {
  const year = last.year + 1;
  const blank = newReport({
    agencyName: last.agency.name,
    agencyKind: last.agency.kind,
    year,
  });
  const apply = tableOf(blank.format, 'apply');
  const carryOver: Record<string, number | null> = {};
  const entered: Record<string, CellValue> = {};
  for (const column of apply?.columns ?? []) {
    const value = countValue(last, cellId('apply', 'F', column.id));
    carryOver[column.id] = value;
    if (!column.computed) entered[cellId('apply', 'C', column.id)] = value;
  }
  const inForce = (row: 'rules' | 'normative') =>
    last.format === '2021' ? countValue(last, cellId('active1', row, 'inForce')) : null;
  const baseline: Baseline = {
    year: last.year,
    carryOver: carryOver as Baseline['carryOver'],
    inForce: { rules: inForce('rules'), normative: inForce('normative') },
  };
  const withCarry = setCells(blank, entered);
  return {
    ...withCarry,
    deadline: null,
    problems: { lastYear: last.problems.thisYear, thisYear: '' },
    baseline,
  };
}
