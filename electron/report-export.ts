import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type IpcMainInvokeEvent, ipcMain, type Session, session } from 'electron';
import { callTyped } from '../db/api';
import type { ReportSaveResult } from '../db/api/types';
import { UserError } from '../db/errors';
import { writeFileAtomic } from '../db/fs';
import type { Engine } from '../db/open';
import { REPORT_SAVE_CHANNEL } from './channels';
import { askSavePath, checkedSender } from './dialogs';
import { PRINT_OPTIONS, parseSaveRequest, SAVE_FILTERS, SAVE_TITLES, saveFailure, suggestedFileName } from './report-save';

/*
 * Saving the report from the app (window.api.reports.save): main computes the export through the
 * API (so the permission matrix applies), asks where to save it with a native dialog, and writes
 * the file atomically. A PDF is the HTML report printed by a hidden window with JavaScript off,
 * in its own in-memory session that may load that one file and nothing else.
 */

const PRINT_PARTITION = 'uptake-report-print';
const printable = new Set<string>();
let printSession: Session | null = null;

function lockedPrintSession(): Session {
  if (printSession) return printSession;
  const s = session.fromPartition(PRINT_PARTITION, { cache: false });
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.on('will-download', (event) => event.preventDefault());
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !printable.has(details.url) }));
  printSession = s;
  return s;
}

/** The HTML printed to A4 PDF by a hidden, script-less window; resolves to the PDF's bytes. */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'uptake-print-'));
  const file = path.join(dir, 'report.html');
  await fs.writeFile(file, html);
  const url = pathToFileURL(file).href;
  printable.add(url);
  const window = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      session: lockedPrintSession(),
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  try {
    await window.loadURL(url);
    return await window.webContents.printToPDF(PRINT_OPTIONS);
  } finally {
    window.destroy();
    printable.delete(url);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function saveReport(engine: Engine, event: IpcMainInvokeEvent, raw: unknown): Promise<ReportSaveResult> {
  const parent = checkedSender(event, REPORT_SAVE_CHANNEL);
  try {
    const request = parseSaveRequest(raw);
    const format = request.format === 'pdf' ? 'html' : request.format;
    const exported = await callTyped({ engine }, 'reports.export', { ...request.slice, format, locale: request.locale });
    const file = await askSavePath(parent, {
      title: SAVE_TITLES[request.format],
      defaultPath: suggestedFileName(exported.fileName, request.format),
      filters: SAVE_FILTERS[request.format],
    });
    if (!file) return { status: 'cancelled' };
    const data = request.format === 'pdf' ? await printHtmlToPdf(exported.content) : exported.content;
    writeFileAtomic(file, data);
    return { status: 'saved', path: file };
  } catch (e) {
    if (!(e instanceof UserError)) console.error('[uptake report]', e);
    return { status: 'failed', message: saveFailure(e) };
  }
}

export function serveReportExport(engine: Engine): void {
  ipcMain.handle(REPORT_SAVE_CHANNEL, (event, raw: unknown) => saveReport(engine, event, raw));
}
