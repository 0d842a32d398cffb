import type { Report } from '../model/report';

/**
 * Art. 49 of the Regulation: departments publish by 31 January of the next year,
 * governments at county level and above by 31 March. Other bodies (e.g. townships) follow
 * local rules, so they default to the stricter 31 January and can set `report.deadline`.
 */
/** An ISO date (YYYY-MM-DD) as Chinese text prints it: 2023年1月16日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** What a report's publication deadline rests on: a local rule (`report.deadline`) or Art. 49. */
export function deadlineSource(report: Pick<Report, 'deadline'>): string {
  return report.deadline ? '本地规定' : '《条例》第四十九条';
}

export function deadlineOf(report: Pick<Report, 'year' | 'agency' | 'deadline'>): string {
  if (report.deadline) return report.deadline;
  const next = report.year + 1;
  return report.agency.kind === 'government' ? `${next}-03-31` : `${next}-01-31`;
}
