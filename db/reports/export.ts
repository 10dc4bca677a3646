import { reportCsv, reportJson } from '../signals/report-formats';
import { reportHtml } from './html';
import type { Report, ReportExport, ReportFormat } from './model';

/*
 * The report's text exports, one place for every host: the CLI's `report --format`, the API's
 * reports.export (the app's Export menu), publishing to a shared folder and the PDF (which
 * prints the HTML).
 */

const MIME: Record<ReportFormat | 'pdf', string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  html: 'text/html;charset=utf-8',
  pdf: 'application/pdf',
};

/** Exactly what `uptake report --format json` prints: docs/metrics.md's report JSON, two-space indented. */
export const reportJsonText = (report: Report): string => `${JSON.stringify(reportJson(report), null, 2)}\n`;

/** `locale` sets how the HTML writes numbers and dates; JSON and CSV are locale-free. */
export function renderReport(report: Report, format: ReportFormat, locale?: string): string {
  if (format === 'json') return reportJsonText(report);
  if (format === 'csv') return reportCsv(report);
  return reportHtml(report, locale);
}

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** A safe, descriptive file name (letters, digits and dashes only) for the report in a format. */
export function reportFileName(report: Report, format: ReportFormat | 'pdf'): string {
  const s = report.slice;
  const parts = [
    'uptake-report',
    slug(report.workspace),
    s.initiative ? slug(s.initiative) : '',
    s.team ? slug(s.team) : '',
    s.from && s.to ? (s.from === s.to ? s.from : `${s.from}-to-${s.to}`) : '',
  ].filter(Boolean);
  return `${parts.join('-')}.${format}`;
}

export function exportReport(report: Report, format: ReportFormat, locale?: string): ReportExport {
  return { format, fileName: reportFileName(report, format), mimeType: MIME[format], content: renderReport(report, format, locale) };
}
