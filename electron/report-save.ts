import type { PrintToPDFOptions } from 'electron';
import { z } from 'zod';
import { reportSlice } from '../db/api/contract';
import { REPORT_SAVE_FORMATS, type ReportSaveRequest } from '../db/api/types';
import { UserError } from '../db/errors';

/*
 * The plain-Node part of saving a report from the app (electron/report-export.ts does the
 * Electron part): what the page may ask for, the dialog's title and filters, the PDF's print
 * settings. Tested without Electron.
 */

/** The page sends only a format and the report's filters: never content, never a path. */
export const ReportSaveRequestSchema = z.strictObject({
  format: z.enum(REPORT_SAVE_FORMATS, { error: `format must be one of ${REPORT_SAVE_FORMATS.join(', ')}` }),
  slice: z.strictObject(reportSlice).optional().default({}),
  locale: z.string().max(64).optional(),
});

export function parseSaveRequest(raw: unknown): ReportSaveRequest {
  const parsed = ReportSaveRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`);
    throw new UserError('BAD_INPUT', `Invalid report request: ${issues.join('; ')}`);
  }
  return parsed.data;
}

type Format = ReportSaveRequest['format'];

export const SAVE_TITLES: Record<Format, string> = {
  pdf: 'Save the report as PDF',
  html: 'Save the report as a web page',
  csv: 'Save the report as CSV',
  json: 'Save the report as JSON',
};

export const SAVE_FILTERS: Record<Format, { name: string; extensions: string[] }[]> = {
  pdf: [{ name: 'PDF document', extensions: ['pdf'] }],
  html: [{ name: 'Web page (HTML)', extensions: ['html', 'htm'] }],
  csv: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
};

/** The file name to suggest: the export's own, with .pdf for a PDF (which is printed from the HTML). */
export function suggestedFileName(exportFileName: string, format: Format): string {
  return format === 'pdf' ? exportFileName.replace(/\.html$/i, '.pdf') : exportFileName;
}

/** A4 as the report's own print CSS lays it out (@page size, margins and page numbers); backgrounds kept. */
export const PRINT_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
};

/** What the page is told when saving fails: the engine's own message for a user error, else what happened. */
export function saveFailure(e: unknown): string {
  if (e instanceof UserError) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  return `Uptake could not save the report: ${detail}. Try another folder, or export the HTML and print it from a browser.`;
}
