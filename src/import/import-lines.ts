import type { FormatId, SectionNo } from '../model/format';
import { HEADINGS } from '../model/format-common';
import { blankCells, formatForYear } from '../model/formats';
import type { AgencyKind, ReportInput } from '../model/report';
import { REPORT_FILE_KIND, REPORT_FILE_VERSION } from '../model/report';
import { parseReport } from '../model/report-file';
import { formatEvidence } from './labels';
import { labelKey, normalizeInfo, normalizeNeeds, textNormalizer, tidyText } from './normalize';
import type { Section } from './structure';
import { AGENCY_END, outline, paragraphsOf } from './structure';
import type { Cells, TableReading } from './tables';
import { readActive, readApplications, readAppeals } from './tables';
import { agencyInBody, readOther, readOverview, readPreamble, readProblems, yearInBody } from './texts';
import { tokenize } from './tokens';
import type { ImportDiagnostic, ImportOptions, ImportResult, SourceCell, SourceLine } from './types';
import { UNKNOWN_AGENCY } from './types';

/**
 * The importer's one pipeline, shared by text, HTML, DOCX and PDF: every source is first
 * turned into lines (with table cells where the source marks them), then normalised,
 * outlined into sections, and read into a report.
 */

/** Whether a text is the cells' texts separated by spaces (without joining them to see). */
function isJoinOf(text: string, cells: readonly SourceCell[]): boolean {
  let at = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = (cells[i] as SourceCell).text;
    if (i > 0 && text.charCodeAt(at++) !== 0x20) return false;
    if (!text.startsWith(cell, at)) return false;
    at += cell.length;
  }
  return at === text.length;
}

/** Normalises every line with one decision for the whole document (traditional or not). */
export function normalizeLines(lines: readonly SourceLine[]): { lines: SourceLine[]; diagnostics: ImportDiagnostic[] } {
  // The document's text: a line with cells is its cells, separated by spaces (usually its own text).
  const texts = lines.map((l) => (!l.cells || isJoinOf(l.text, l.cells) ? l.text : l.cells.map((c) => c.text).join(' ')));
  const all = texts.join('\n');
  // Every text normalised below is part of `all` or a cell line's text: what none of them holds, no line needs.
  const needed = [all];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    if (line.cells && line.text !== texts[i]) needed.push(line.text);
  }
  const needs = normalizeNeeds(needed);
  const info = normalizeInfo(all, needs);
  const { mayChange, normalize } = textNormalizer(info.converted, needs);
  // A line or cell that normalisation leaves as it is stays the same object (lines are never changed in place).
  const normCell = (c: SourceCell): SourceCell => {
    const text = normalize(c.text);
    return text === c.text ? c : { ...c, text };
  };
  const out = lines.map((l, i): SourceLine => {
    if (!l.cells) {
      const text = normalize(l.text);
      return text === l.text ? l : { ...l, text };
    }
    if (!l.cells.some((c) => mayChange(c.text))) {
      // A text that is its cells joined holds nothing they do not.
      const text = l.text === texts[i] ? l.text : normalize(l.text);
      return text === l.text ? l : { ...l, text };
    }
    const text = normalize(l.text);
    const cells = l.cells.map(normCell);
    if (text === l.text && cells.every((c, j) => c === l.cells?.[j])) return l;
    return { ...l, text, cells };
  });
  const diagnostics: ImportDiagnostic[] = [];
  if (info.converted) diagnostics.push({ code: 'IMPORT', severity: 'info', message: '原文为繁体字，已转换为简体字' });
  if (info.pinyinRemoved > 0) {
    diagnostics.push({ code: 'IMPORT', severity: 'info', message: `已删除原文中夹杂的 ${info.pinyinRemoved} 处拼音注音，如“关(guān)”` });
  }
  return { lines: out, diagnostics };
}

const MARKERS: Record<'二' | '三' | '四', RegExp> = {
  二: /^(?:第二十条第|信息内容)/,
  三: /^(?:本列数据|申请人情况|一本年新收|自然人)/,
  四: /^(?:行政复议|行政诉讼|结果维持)/,
};

/** Splits a table section into the text before its table (notes) and the table lines. */
function tableRegion(section: Section | undefined, no: '二' | '三' | '四'): { notes: SourceLine[]; table: SourceLine[] } {
  const lines = section?.lines ?? [];
  const start = lines.findIndex((l) => {
    const text = l.cells ? l.cells.map((c) => c.text).join('') : l.text;
    return MARKERS[no].test(labelKey(text)) || (l.cells !== undefined && l.cells.filter((c) => c.text).length >= 2);
  });
  return start < 0 ? { notes: lines, table: [] } : { notes: lines.slice(0, start), table: lines.slice(start) };
}

const lineText = (l: SourceLine) => (l.cells ? l.cells.map((c) => c.text).join(' ') : l.text);

const NOT_A_REPORT =
  '没有读到政府信息公开工作年度报告的内容：没有找到年报的统计表格，也没有“一、总体情况”至“六、其他需要报告的事项”的任何标题。请确认粘贴或选择的是年报全文';

/** A blank report whose one diagnostic says why nothing was read (fatal): the CLI and the app refuse it. */
export function refusedImport(message: string, options: ImportOptions = {}): ImportResult {
  const blank = importLines([], options);
  return { ...blank, diagnostics: [{ code: 'IMPORT', severity: 'error', message, fatal: true }] };
}

/** A replacement character, or a control character other than tab, line and page breaks. */
// eslint-disable-next-line no-control-regex -- control characters are what it counts
const GARBLED = /[\uFFFD\u007F\u0000-\u0008\u000B\u000E-\u001F]/g;

/**
 * Why a decoded text is not text (binary data, or an encoding the decoder did not know): more than
 * one character in twenty is a replacement or control character. Undefined for text.
 */
export function notTextReason(text: string): string | undefined {
  // Almost every text has none: then there is nothing else to count.
  const bad = text.match(GARBLED)?.length ?? 0;
  if (bad < 2) return undefined;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Spaces (ASCII, no-break, ideographic) and line breaks are not counted; a surrogate pair counts twice.
    if (code > 0x20 && code !== 0xa0 && code !== 0x3000) visible++;
  }
  return bad * 20 > visible ? '文件不是文本，或编码无法识别：其中有大量乱码或控制字符，无法作为年报读取' : undefined;
}

/** The kind of a body by its name; townships (乡镇, 街道) are "other": Art. 49 does not name them. */
export function agencyKind(name: string): AgencyKind {
  if (/(?:乡|镇|苏木)(?:人民)?政府$|(?:乡|镇|苏木|街道)$|街道(?:办事处|办)$/.test(name)) return 'other';
  if (/政府$/.test(name)) return 'government';
  if (/(?:办公厅|办公室|委员会|管委会|局|厅|委|办|署|院|中心|所|站|队)$/.test(name)) return 'department';
  if (/(?:省|市|县|区|州|旗|盟)$/.test(name)) return 'government';
  return 'other';
}

function lastYear(): number {
  return new Date().getFullYear() - 1;
}

/** The text of table lines as format labels are looked for in it: a line's cells run together, lines on lines of their own. */
function labelsText(...tables: readonly (readonly SourceLine[])[]): string {
  let text = '';
  let first = true;
  for (const lines of tables) {
    for (const line of lines) {
      if (!first) text += '\n';
      first = false;
      if (!line.cells) text += line.text;
      else for (const cell of line.cells) text += cell.text;
    }
  }
  return text;
}

export function importLines(source: readonly SourceLine[], options: ImportOptions = {}, sourceDiagnostics: readonly ImportDiagnostic[] = []): ImportResult {
  const diagnostics: ImportDiagnostic[] = [...sourceDiagnostics];
  const normalized = normalizeLines(source);
  diagnostics.push(...normalized.diagnostics);
  const lines = normalized.lines;
  const doc = outline(lines);
  const sections = doc.sections;
  const found = Object.keys(sections).length > 0;
  if (found) diagnostics.push(...doc.diagnostics);
  else diagnostics.push({ code: 'H7', severity: 'error', message: '没有找到“一、总体情况”至“六、其他需要报告的事项”的任何标题，只能按表格标签读取' });

  const preamble = readPreamble(doc.preamble);
  const overviewLines = sections.一?.lines ?? [];
  const overview = readOverview(overviewLines);

  // ── year ──
  let year: number | undefined = preamble.titleYear;
  let sourceYear: number | null = year ?? null;
  const inRange = (y: number | undefined) => y !== undefined && y >= 2008 && y <= 2100;
  if (!inRange(year)) {
    const body = yearInBody(preamble.intro, [overview.lead, ...overview.blocks.map((b) => b.text)].join('\n'));
    if (body && inRange(body.year)) {
      year = body.year;
      sourceYear = year;
      diagnostics.push({ code: 'IMPORT', severity: 'warning', message: `没有找到标题行中的年度，年度 ${year} 取自正文“${body.from}”，请核对` });
    } else {
      year = options.defaultYear ?? lastYear();
      sourceYear = null;
      diagnostics.push({ code: 'IMPORT', severity: 'error', message: `原文没有写明报告年度，暂按 ${year} 年导入，请核对` });
    }
  }
  const reportYear = year as number;

  // ── agency ──
  let agency: string | undefined = preamble.titleAgency;
  if (agency) {
    for (const longer of [preamble.headerAgency, doc.signature.agency]) {
      if (longer && longer !== agency && longer.includes(agency) && AGENCY_END.test(longer)) agency = longer;
    }
  } else {
    const fallback =
      doc.signature.agency ??
      preamble.headerAgency ??
      agencyInBody([preamble.intro, overview.lead, ...overview.blocks.map((b) => b.text)].join('\n'));
    const from = doc.signature.agency ? '落款' : preamble.headerAgency ? '页眉' : '正文';
    if (fallback) {
      agency = fallback;
      diagnostics.push({ code: 'IMPORT', severity: 'warning', message: `没有找到含机关名称的标题行，机关名称“${agency}”取自${from}，请核对` });
    } else {
      diagnostics.push({ code: 'IMPORT', severity: 'error', message: `原文没有写明机关名称，暂填“${UNKNOWN_AGENCY}”，请填写` });
    }
  }

  // ── format ──
  const regions = {
    二: found ? tableRegion(sections.二, '二') : { notes: [], table: lines },
    三: found ? tableRegion(sections.三, '三') : { notes: [], table: lines },
    四: found ? tableRegion(sections.四, '四') : { notes: [], table: lines },
  };
  // Only table text is evidence: a narrative may well mention 政府集中采购.
  const evidence = formatEvidence(labelsText(regions.二.table, regions.三.table));
  const byYear = formatForYear(reportYear);
  let format: FormatId = byYear;
  const [n2021, n2019] = [evidence['2021'].length, evidence['2019'].length];
  if (n2021 !== n2019) format = n2021 > n2019 ? '2021' : '2019';
  if (n2021 > 0 && n2019 > 0) {
    const other = format === '2021' ? '2019' : '2021';
    diagnostics.push({
      code: 'H7',
      severity: 'error',
      message: `报告混用了两版格式：按 ${format} 年版读取，但有 ${other} 年版的标签（${evidence[other].slice(0, 4).join('、')}）`,
    });
  }
  // A format that is not the year's is kept as read; the checker reports it (H7:format), once.

  // ── tables ──
  // Every cell blank to start with, then filled: see blankCells.
  const cells: Cells = blankCells(format);
  const notes: Record<'二' | '三' | '四', string[]> = { 二: [], 三: [], 四: [] };
  const readers: [SectionNo & ('二' | '三' | '四'), (tokens: ReturnType<typeof tokenize>, f: FormatId, into: Cells) => TableReading][] = [
    ['二', readActive],
    ['三', readApplications],
    ['四', readAppeals],
  ];
  let tableFound = false;
  for (const [no, reader] of readers) {
    const region = regions[no];
    notes[no].push(...paragraphsOf(region.notes));
    // Each table's cells go straight into the report's (ids never clash across tables).
    const reading = reader(tokenize(region.table), format, cells);
    tableFound ||= reading.found;
    diagnostics.push(...reading.diagnostics);
    notes[no].push(...reading.trailing.map(tidyText));
    if (!reading.found && (sections[no] || !found)) {
      diagnostics.push({
        code: 'H7',
        severity: 'error',
        section: no,
        message: `${HEADINGS[no]}：没有表格（表格缺失，或以图片形式发布），表中各单元格留空`,
      });
    }
  }

  // Text with no heading of the format and no table is not a report: refused, not a report named （未识别机关）.
  // (A text with no text at all is refused by the shells, which say the file is empty.)
  if (!found && !tableFound && lines.some((l) => lineText(l).trim() !== '')) return refusedImport(NOT_A_REPORT, options);

  // ── narrative ──
  const problems = readProblems(sections.五?.lines ?? [], reportYear);
  const other = readOther(sections.六?.lines ?? []);
  for (const sentence of other.unreadFees)
    diagnostics.push({
      code: 'IMPORT',
      severity: 'warning',
      section: '六',
      message: `六：“${sentence}”中的收费数字未能读取，原句保留在其他事项中，请核对收费通知件数、收费通知总金额和实际收取总金额`,
    });
  if (other.noFees)
    diagnostics.push({
      code: 'IMPORT',
      severity: 'info',
      section: '六',
      message: `六：原文写明“${other.noFees}”，未另写收费通知，收费通知件数和总金额按 0 填写`,
    });
  const publicationDate = doc.signature.date ?? preamble.date ?? null;

  const input: ReportInput = {
    kind: REPORT_FILE_KIND,
    version: REPORT_FILE_VERSION,
    format,
    agency: { name: agency ?? UNKNOWN_AGENCY, kind: agencyKind(agency ?? '') },
    year: reportYear,
    publicationDate,
    deadline: null,
    intro: preamble.intro,
    overview,
    tableNotes: { active: notes.二.join('\n'), applications: notes.三.join('\n'), appeals: notes.四.join('\n') },
    cells,
    problems,
    other: {
      feeNotices: other.feeNotices,
      feeNoticeAmount: other.feeNoticeAmount,
      feeCollected: other.feeCollected,
      items: other.items,
    },
    notes: {},
    baseline: null,
  } as ReportInput;
  let parsed = parseReport(input);
  if (!parsed.ok) {
    // Values are checked as they are read; anything the file schema still refuses is left blank.
    const cellsIn = input.cells as Record<string, unknown>;
    const otherIn = input.other as Record<string, unknown>;
    for (const problem of parsed.problems) {
      const cell = /^cells\["(.+)"\]$/.exec(problem.path)?.[1];
      const field = /^other\.(\w+)$/.exec(problem.path)?.[1];
      if (cell) delete cellsIn[cell];
      else if (field && field !== 'items') otherIn[field] = null;
      else continue;
      diagnostics.push({ code: 'IMPORT', severity: 'error', message: `${problem.message}，已留空` });
    }
    parsed = parseReport(input);
    if (!parsed.ok) {
      throw new Error(`importer produced an invalid report: ${parsed.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    }
  }
  return {
    report: parsed.report,
    diagnostics,
    format,
    source: { agency: agency ?? null, year: sourceYear },
  };
}
