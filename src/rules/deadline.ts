import type { Report } from '../model/report';

/**
 * Art. 49 of the Regulation: departments publish by 31 January of the next year,
 * governments at county level and above by 31 March. Other bodies (e.g. townships) follow
 * local rules, so they default to the stricter 31 January and can set `report.deadline`.
 */
export function deadlineOf(report: Pick<Report, 'year' | 'agency' | 'deadline'>): string {
  if (report.deadline) return report.deadline;
  const next = report.year + 1;
  return report.agency.kind === 'government' ? `${next}-03-31` : `${next}-01-31`;
}
