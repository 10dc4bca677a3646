/** Shapes of the report export operations (plain types; the renderer may see them through the contract). */

/** Text formats of the report; PDF is printed from the HTML by the host (Chromium in the CLI, Electron in the app). */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportExport {
  format: ReportFormat;
  /** A file name for a save dialog or a download: uptake-report-<workspace>[-<initiative>][-<team>]-<period>.<ext> */
  fileName: string;
  mimeType: string;
  content: string;
}

export interface PublishedFile {
  name: string;
  path: string;
  bytes: number;
}

export interface ReportPublishResult {
  /** The folder written to (absolute); remembered on this device for the next publish. */
  folder: string;
  files: PublishedFile[];
  generatedAt: string;
}

export interface ReportPublishTarget {
  /** The shared folder this device last published to, or null before the first publish. */
  folder: string | null;
}
