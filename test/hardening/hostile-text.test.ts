import { Packer } from 'docx';
import { DomUtils, parseDocument } from 'htmlparser2';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { normaliseCellInput } from '../../src/forms/cell-input';
import type { Report } from '../../src/model/report';
import { parseReportFile, serializeReport } from '../../src/model/report-file';
import { buildDocx } from '../../src/render/docx';
import { renderHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { checkReport } from '../../src/rules/check';
import { strictXmlErrors } from '../support/docx';
import { consistentReport } from '../support/build-report';

/**
 * User text that tries to be markup, is very long, or lies outside the Basic Multilingual Plane:
 * the checker copes, and every output carries it as text, whole and unchanged.
 */

/** Every text field of a report set to `text` (the agency name gets a one-line prefix of it). */
function everywhere(text: string, name = text): Report {
  const base = consistentReport('2021');
  return {
    ...base,
    agency: { ...base.agency, name },
    intro: text,
    overview: { lead: text, blocks: base.overview.blocks.map((b) => ({ ...b, title: name, text })) },
    tableNotes: { active: text, applications: text, appeals: text },
    problems: { lastYear: text, thisYear: text },
    other: { ...base.other, items: text },
  };
}

interface Outputs {
  readonly text: string;
  /** The HTML page and the text of its body as a browser would show it. */
  readonly html: string;
  readonly htmlText: string;
  /** word/document.xml, and the text of its w:t runs. */
  readonly xml: string;
  readonly docxText: string;
}

async function render(report: Report): Promise<Outputs> {
  const vm = toViewModel(report);
  const html = renderHtml(vm);
  const bytes = await Packer.toBuffer(buildDocx(vm));
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  const doc = parseDocument(xml, { xmlMode: true });
  return {
    text: renderText(vm),
    html,
    htmlText: DomUtils.textContent(DomUtils.getElementsByTagName('body', parseDocument(html).children)),
    xml,
    docxText: DomUtils.getElementsByTagName('w:t', doc.children)
      .map((t) => DomUtils.textContent(t))
      .join(''),
  };
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('narratives that try to be HTML or script', () => {
  const PAYLOADS = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 1">',
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>链接</a>",
    '</p></article><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://example.com">',
    '<style>body{display:none}</style>',
    '{{title}} {{{intro}}}',
    '<!-- 注释 -->',
    '&lt;已转义&gt; &amp;amp;',
  ];
  const text = PAYLOADS.join('\n');
  const name = `某局${PAYLOADS[0]}`;

  it('stay text in HTML: no element, attribute or entity of theirs survives as markup', async () => {
    const out = await render(everywhere(text, name));
    const doc = parseDocument(out.html);
    expect(DomUtils.getElementsByTagName('script', doc.children)).toEqual([]);
    for (const tag of ['img', 'svg', 'a', 'iframe'])
      expect(DomUtils.getElementsByTagName(tag, doc.children), tag).toEqual([]);
    expect(DomUtils.getElementsByTagName('meta', doc.children).map((m) => m.attribs['http-equiv'] ?? m.attribs.charset ?? m.attribs.name)).toEqual([
      'utf-8',
      'Content-Security-Policy',
      'viewport',
    ]);
    expect(DomUtils.getElementsByTagName('style', doc.children)).toHaveLength(1);
    const withHandlers = DomUtils.findAll((el) => Object.keys(el.attribs).some((a) => /^on/i.test(a)), doc.children);
    expect(withHandlers).toEqual([]);
    // The browser shows each payload exactly as typed, as often as it was typed (one per text field and more).
    for (const p of PAYLOADS) expect(count(out.htmlText, p), p).toBeGreaterThanOrEqual(10);
    expect(DomUtils.textContent(DomUtils.getElementsByTagName('title', doc.children))).toBe(
      `某局${PAYLOADS[0]}2022年政府信息公开工作年度报告`,
    );
  });

  it('stay text in the plain text and the DOCX (well-formed XML, payloads in the runs)', async () => {
    const out = await render(everywhere(text, name));
    for (const p of PAYLOADS) {
      expect(count(out.text, p), p).toBeGreaterThanOrEqual(10);
      expect(count(out.docxText, p), p).toBeGreaterThanOrEqual(10);
    }
    expect(strictXmlErrors(out.xml)).toEqual([]);
  });

  it('the checker reads them as text too', () => {
    expect(() => checkReport(everywhere(text, name))).not.toThrow();
  });
});

describe('very long texts (100 KB per field)', () => {
  // 100 KB of UTF-8 per field: 34,000 CJK characters in paragraphs of 1,000.
  const paragraph = '政府信息公开工作'.repeat(125);
  const text = Array.from({ length: 34 }, () => paragraph).join('\n');

  it('round-trip through the report file and are checked', () => {
    const report = everywhere(text, '某局');
    expect(Buffer.byteLength(report.intro)).toBeGreaterThan(100_000);
    const reread = parseReportFile(serializeReport(report));
    expect(reread.ok && reread.report).toEqual(report);
    // Length alone is no finding: the same findings as with one short paragraph everywhere.
    const codes = (r: typeof report) => checkReport(r).map((v) => v.key);
    expect(codes(report)).toEqual(codes(everywhere(paragraph, '某局')));
  });

  it('render whole in text, HTML and DOCX', async () => {
    const out = await render(everywhere(text, '某局'));
    // 13 fields hold it: intro, lead, 5 topic texts, 3 table notes, 2 problem parts, 其他事项.
    const fields = 13;
    for (const shown of [out.text, out.htmlText, out.docxText]) expect(count(shown, paragraph)).toBe(34 * fields);
  });
});

describe('emoji and rare CJK (extension B and beyond)', () => {
  const RARE = ['𠀀', '𪚥', '𰻞', '😀', '👩‍👩‍👧', '🇨🇳', '☺️', '１️⃣', 'é'];
  const name = `${RARE.slice(0, 3).join('')}县人民政府`;
  const text = `本年度𠮷野家收到申请𝟏𝟐件（数学粗体数字），${RARE.join('')}。`;

  it('come out whole (no split surrogate pairs, no lost joiners) in every output', async () => {
    const out = await render(everywhere(text, name));
    expect(out.text.startsWith(`${name}2022年政府信息公开工作年度报告\n`)).toBe(true);
    for (const shown of [out.text, out.htmlText, out.docxText]) {
      expect(count(shown, text)).toBeGreaterThanOrEqual(13);
      expect(shown).toContain(name);
      expect(shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(strictXmlErrors(out.xml)).toEqual([]);
    expect(() => checkReport(everywhere(text, name))).not.toThrow();
  });

  it('are refused in a number cell, with the cell’s message', () => {
    for (const raw of ['１😀２', '𝟏𝟐', '12️⃣', '𠀀']) {
      const result = normaliseCellInput(raw, { kind: 'count' });
      expect(result.ok ? '' : result.message).toMatch(/^“.+”不是数字：这里只能填写件数/);
    }
  });
});
