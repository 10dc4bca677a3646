import path from 'node:path';
import { app, BrowserWindow, dialog, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { z } from 'zod';
import { DIALOG_OPEN_CHANNEL, DIALOG_SAVE_CHANNEL } from './channels';
import { isTrustedFrame } from './security';

/*
 * Native open and save dialogs for the renderer (window.api.dialogs). The page only ever learns
 * a path the user picked; the options it sends are validated before they reach the OS dialog.
 */

const filters = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(100),
      extensions: z
        .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'an extension is letters and digits without the dot, or *'))
        .min(1)
        .max(20),
    }),
  )
  .max(20)
  .optional();

const openOptions = z.strictObject({
  title: z.string().max(200).optional(),
  filters,
  /** Pick a folder instead of a file. */
  directory: z.boolean().optional(),
});

const saveOptions = z.strictObject({
  title: z.string().max(200).optional(),
  /** A file name; the dialog starts in the user's Documents folder. */
  defaultPath: z.string().max(255).optional(),
  filters,
});

export function checkedSender(event: IpcMainInvokeEvent, channel: string): BrowserWindow | null {
  if (!isTrustedFrame(event.senderFrame)) {
    throw new Error(`${channel} is only available to the Uptake window.`);
  }
  return BrowserWindow.fromWebContents(event.sender);
}

function parse<T>(schema: z.ZodType<T>, raw: unknown, channel: string): T {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`);
    throw new Error(`Invalid options for ${channel}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

async function openFile(event: IpcMainInvokeEvent, raw: unknown): Promise<string | null> {
  const parent = checkedSender(event, DIALOG_OPEN_CHANNEL);
  const options = parse(openOptions, raw, DIALOG_OPEN_CHANNEL);
  const dialogOptions: Electron.OpenDialogOptions = {
    properties: options.directory ? ['openDirectory', 'createDirectory'] : ['openFile'],
    ...(options.title ? { title: options.title } : {}),
    ...(options.filters ? { filters: options.filters } : {}),
  };
  const result = parent ? await dialog.showOpenDialog(parent, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function saveFile(event: IpcMainInvokeEvent, raw: unknown): Promise<string | null> {
  const parent = checkedSender(event, DIALOG_SAVE_CHANNEL);
  return askSavePath(parent, parse(saveOptions, raw, DIALOG_SAVE_CHANNEL));
}

/** A native save dialog starting in Documents with a suggested file name; the chosen path or null. */
export async function askSavePath(parent: BrowserWindow | null, options: z.infer<typeof saveOptions>): Promise<string | null> {
  // Only a file name is taken from the page, so it cannot steer the dialog to a folder of its choosing.
  const name = options.defaultPath ? path.basename(options.defaultPath) : '';
  const dialogOptions: Electron.SaveDialogOptions = {
    properties: ['createDirectory', 'showOverwriteConfirmation'],
    defaultPath: path.join(app.getPath('documents'), name),
    ...(options.title ? { title: options.title } : {}),
    ...(options.filters ? { filters: options.filters } : {}),
  };
  const result = parent ? await dialog.showSaveDialog(parent, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  return result.canceled || !result.filePath ? null : result.filePath;
}

export function serveDialogs(): void {
  ipcMain.handle(DIALOG_OPEN_CHANNEL, (event, raw: unknown) => openFile(event, raw));
  ipcMain.handle(DIALOG_SAVE_CHANNEL, (event, raw: unknown) => saveFile(event, raw));
}
