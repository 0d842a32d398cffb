import type { ReportView, TableView } from '../src/render/view-model';

/**
 * The same report as Markdown, for the pandoc peer. Pandoc 2.17's pipe tables have no row or
 * column spans, so each grid row is written out with its own cells, padded to the grid width.
 */
function table(t: TableView): string[] {
  const rows = [...t.head, ...t.body].map((r) => {
    const cells = r.cells.map((c) => c.text.replace(/\|/g, '\\|'));
    while (cells.length < t.columns) cells.push('');
    return `| ${cells.join(' | ')} |`;
  });
  const rule = `|${' --- |'.repeat(t.columns)}`;
  return [rows[0] ?? '', rule, ...rows.slice(1)];
}

export function toMarkdown(vm: ReportView): string {
  const out = [`# ${vm.title}`, '', ...vm.intro.flatMap((p) => [p, ''])];
  for (const s of vm.sections) {
    out.push(`## ${s.heading}`, '');
    for (const b of s.blocks) {
      if (b.kind === 'subheading') out.push(`### ${b.text}`, '');
      else if (b.kind === 'paragraph') out.push(b.text, '');
      else out.push(...table(b.table), '');
    }
  }
  out.push(...vm.signature.flatMap((l) => [l, '']));
  return out.join('\n');
}
