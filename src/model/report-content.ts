import type { Report } from './report';

/**
 * Whether a report holds anything at all: a filled cell or a non-empty text. An import that read
 * nothing (not a report, an unreadable file) must not become a draft or a report file.
 */
export function hasContent(report: Report): boolean {
  const texts = [
    report.intro,
    report.overview.lead,
    ...report.overview.blocks.map((b) => b.text),
    report.problems.lastYear,
    report.problems.thisYear,
    report.other.items,
  ];
  return Object.values(report.cells).some((v) => v !== null) || texts.some((t) => t.trim() !== '');
}
