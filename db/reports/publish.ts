import path from 'node:path';
import { checkWritableFolder, writeFilesAtomic } from '../fs';
import { reportJsonText } from './export';
import { reportHtml } from './html';
import type { Report, ReportPublishResult } from './model';

/*
 * "Publish" writes the HTML and the JSON report into a shared folder for sponsors who do not run
 * the app, atomically (db/fs.ts), so a reader never sees half a file.
 */

export const PUBLISHED = { html: 'uptake-report.html', json: 'uptake-report.json' } as const;

/** The local_state key holding the shared folder this device publishes to. */
export const PUBLISH_FOLDER_KEY = 'report_publish_folder';

/** Writes uptake-report.html and uptake-report.json (the same report, so the same generatedAt) into `folder`. */
export function publishReport(report: Report, folder: string, locale?: string): ReportPublishResult {
  const dir = checkWritableFolder(folder);
  const files = [
    { name: PUBLISHED.html, data: reportHtml(report, locale) },
    { name: PUBLISHED.json, data: reportJsonText(report) },
  ];
  // writeFilesAtomic already turns every file-system error into a message naming the path.
  const written = writeFilesAtomic(files.map((f) => ({ path: path.join(dir, f.name), data: f.data })));
  return {
    folder: dir,
    files: files.map((f, i) => ({ name: f.name, path: written[i]?.path ?? path.join(dir, f.name), bytes: written[i]?.bytes ?? 0 })),
    generatedAt: report.generatedAt,
  };
}
