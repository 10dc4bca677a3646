import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  REPORT_FORMATS,
  type Report,
  type ReportExport,
  type ReportPublishResult,
  type ReportPublishTarget,
  SOURCE_KINDS,
  type SourceRows,
} from '../../reports/model';
import { canonicalLocale, localeProblem } from '../../reports/shared/format';
import { DECISION_ACTIONS } from '../../signals/model';
import { everyone, month, mutation, noInput, oneOf, query } from '../kit';

/** The report's filters: initiative and team (name or id), first and last month. */
export const reportSlice = {
  initiative: z.string().max(200, 'initiative is longer than 200 characters').nullable().optional(),
  team: z.string().max(200, 'team is longer than 200 characters').nullable().optional(),
  from: month.nullable().optional(),
  to: month.nullable().optional(),
};
/** The reader's locale for numbers and dates in the HTML/PDF (a BCP 47 tag); default en-GB. */
const locale = z
  .string()
  .max(64, 'locale is longer than 64 characters')
  .refine((tag) => canonicalLocale(tag) !== null, { error: (issue) => localeProblem(String(issue.input)) ?? 'not a locale' })
  .optional();
export const ReportInput = z.strictObject(reportSlice).optional().default({});
export const ReportExportInput = z.strictObject({
  format: z.enum(REPORT_FORMATS, { error: `format must be one of ${REPORT_FORMATS.join(', ')} (a PDF is printed from the html)` }),
  locale,
  ...reportSlice,
});
export const ReportPublishInput = z
  .strictObject({
    /** The shared folder (a full path); default: the one this device published to last. */
    folder: z.string().trim().min(1, 'folder cannot be empty').max(4096, 'folder is longer than 4096 characters').optional(),
    locale,
    ...reportSlice,
  })
  .optional()
  .default({});
export const SourceRowsInput = z.strictObject({
  ...reportSlice,
  source: oneOf('source', SOURCE_KINDS),
  action: oneOf('action', DECISION_ACTIONS).nullable().optional(),
  offset: z.number().int().min(0).optional().default(0),
  limit: z.number().int().min(1).max(500).optional().default(50),
});

export const OverrideReasonsInput = z.strictObject({ ...reportSlice, limit: z.number().int().min(1).max(20).optional().default(5) });

export const reports = {
  get: query('Formal against real adoption for a slice, exactly as docs/metrics.md defines it', everyone)
    .input(ReportInput)
    .output(type<Report>()),
  export: query('The report of a slice as JSON (docs/metrics.md), CSV or a self-contained HTML file', everyone)
    .input(ReportExportInput)
    .output(type<ReportExport>()),
  // Sponsors publish too: the shared folder is how a report reaches those who do not run the app.
  publish: mutation('Write uptake-report.html and uptake-report.json into the shared folder (remembered on this device)', everyone, [
    'reports',
  ])
    .input(ReportPublishInput)
    .output(type<ReportPublishResult>()),
  publishTarget: query('The shared folder this device publishes reports to', everyone).input(noInput).output(type<ReportPublishTarget>()),
  overrideReasons: query('The most frequent reasons people gave for overriding the AI in a slice', everyone)
    .input(OverrideReasonsInput)
    .output(type<{ total: number; reasons: { reason: string | null; count: number }[] }>()),
  rows: query('The stored rows that fed a slice’s figures (drill-down), a page at a time', everyone)
    .input(SourceRowsInput)
    .output(type<SourceRows>()),
};
