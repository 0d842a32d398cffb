import type { Report } from '../model/report';
import { serializeReport } from '../model/report-file';
import { reportTitle, toViewModel } from '../render/view-model';

/**
 * The downloadable outputs. Rendering is the core's; this shell only packs the results into
 * Blobs and hands them to the browser. The renderers (docx, and handlebars with the templates)
 * are loaded on demand, never in the first page.
 */

export type ExportKind = 'docx' | 'html' | 'txt' | 'json';

export function exportName(report: Report, kind: ExportKind, draft = false): string {
  const base = kind === 'json' ? `${report.agency.name}${report.year}年报数据` : reportTitle(report);
  return `${base}${draft ? '（草稿）' : ''}.${kind}`;
}

export async function exportBlob(report: Report, kind: ExportKind, draft = false): Promise<Blob> {
  switch (kind) {
    case 'json':
      return new Blob([serializeReport(report)], { type: 'application/json' });
    case 'html': {
      const { renderHtml } = await import('../render/html');
      return new Blob([renderHtml(toViewModel(report, { draft }))], { type: 'text/html;charset=utf-8' });
    }
    case 'txt': {
      const { renderText } = await import('../render/text');
      return new Blob([renderText(toViewModel(report, { draft }))], { type: 'text/plain;charset=utf-8' });
    }
    case 'docx': {
      const [{ buildDocx }, { Packer }] = await Promise.all([import('../render/docx'), import('docx')]);
      return Packer.toBlob(buildDocx(toViewModel(report, { draft })));
    }
  }
}

/** Hands a Blob to the browser as a download. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
