import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, expect, test } from '@playwright/test';
import { chromiumArgs, findElectronBinary } from './electron-binary';

/*
 * The report's PDF from the app, for real: Electron's printToPDF in a hidden window, saved where
 * the (stubbed) native save dialog says, from the Report screen's Export menu. Skipped, with the
 * reason, where Electron's binary is missing; main-bundle.spec.ts checks the same wiring against
 * a stub everywhere.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electron = findElectronBinary(repoRoot);
test.skip(!electron.installed, electron.installed ? '' : electron.reason);

let userData = '';
let app: ElectronApplication | undefined;

test.beforeEach(async () => {
  if (!electron.installed) return;
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-electron-report-'));
  // The demo workspace, made by the CLI in the file the app opens (the same SQLite format).
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'scripts', 'uptake.ts'), '--db', path.join(userData, 'uptake.db'), 'demo'],
    {
      cwd: repoRoot,
    },
  );
  app = await _electron.launch({
    executablePath: electron.executablePath,
    args: [...chromiumArgs(), repoRoot],
    cwd: repoRoot,
    env: { ...process.env, UPTAKE_USER_DATA: userData },
  });
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  if (userData) fs.rmSync(userData, { recursive: true, force: true });
});

test('Export → PDF prints the report with Electron and saves it where the dialog says', async () => {
  if (!app) throw new Error('the app is not running');
  const target = path.join(userData, 'exports', 'acme report.pdf');
  fs.mkdirSync(path.dirname(target));
  await app.evaluate(({ dialog }, file) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
  }, target);
  const page = await app.firstWindow();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report', exact: true }).click();
  await expect(page.locator('[data-screen="report"][data-ready="true"]')).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /^Export PDF/ }).click();
  await expect(page.locator('.mantine-Notification-root').filter({ hasText: 'acme report.pdf' })).toBeVisible({ timeout: 30_000 });
  const pdf = fs.readFileSync(target);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
  // The print window is gone again: only the app's own window is left.
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
