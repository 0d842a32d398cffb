import { Packer } from 'docx';
import fc from 'fast-check';
import { DomUtils, parseDocument } from 'htmlparser2';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/render/docx';
import { renderHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';
import { strictXmlErrors } from '../support/docx';
import { FUZZ_TIMEOUT, runs } from './runs';

/**
 * The renderers never throw on any valid report, and user text never becomes markup:
 * the HTML has only the renderer's own elements, no script and no event-handler attribute.
 */

/** Every element the HTML template itself writes. */
const TEMPLATE_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'article', 'h1', 'h2', 'h3', 'p', 'section', 'footer',
  'table', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td',
]);

function markupProblems(html: string): string[] {
  const doc = parseDocument(html);
  const problems: string[] = [];
  for (const el of DomUtils.findAll(() => true, doc.children)) {
    if (!TEMPLATE_TAGS.has(el.name)) problems.push(`<${el.name}>`);
    for (const name of Object.keys(el.attribs)) if (/^on/i.test(name)) problems.push(`${el.name}[${name}]`);
    for (const value of Object.values(el.attribs)) if (/javascript:/i.test(value)) problems.push(`${el.name}: ${value}`);
  }
  const metas = DomUtils.getElementsByTagName('meta', doc.children).filter((m) => m.attribs['http-equiv']);
  if (metas.length !== 1) problems.push(`${metas.length} http-equiv meta tags`);
  return problems;
}

describe('renderers', () => {
  it(
    'text and HTML: never throw, and the HTML holds only the template’s own markup',
    () => {
      fc.assert(
        fc.property(arbitraryReport(), fc.boolean(), (report, draft) => {
          const vm = toViewModel(report, { draft });
          const squeeze = (t: string) => t.replace(/\s/g, '');
          expect(squeeze(renderText(vm).split('\n')[0] ?? '')).toBe(squeeze(vm.title));
          expect(markupProblems(renderHtml(vm))).toEqual([]);
        }),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'DOCX: building the document never throws',
    () => {
      fc.assert(
        fc.property(arbitraryReport(), fc.boolean(), (report, draft) => {
          buildDocx(toViewModel(report, { draft }));
        }),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'DOCX: packing never throws and word/document.xml is well-formed XML (fewer runs: packing is slow)',
    async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryReport(), async (report) => {
          const bytes = await Packer.toBuffer(buildDocx(toViewModel(report)));
          const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
          expect(strictXmlErrors(xml ?? '')).toEqual([]);
        }),
        { numRuns: runs(0.05) },
      );
    },
    FUZZ_TIMEOUT,
  );
});
