import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import { AppWindow } from './app-window';
import { chromiumArgs, findElectronBinary } from './electron-binary';

/*
 * The packaged shape of the app, launched for real: dist/electron/main.cjs in Electron with a
 * fresh user-data folder per test. Skipped, with the reason, where Electron's binary is missing.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electron = findElectronBinary(repoRoot);
test.skip(!electron.installed, electron.installed ? '' : electron.reason);

interface Launched {
  app: ElectronApplication;
  page: Page;
  window: AppWindow;
}

async function launch(executablePath: string, userData: string): Promise<Launched> {
  const app = await _electron.launch({
    executablePath,
    args: [...chromiumArgs(), repoRoot],
    cwd: repoRoot,
    env: { ...process.env, UPTAKE_USER_DATA: userData },
  });
  const page = await app.firstWindow();
  return { app, page, window: new AppWindow(page) };
}

test.describe('Uptake in Electron', () => {
  let userData = '';
  let current: Launched | undefined;
  const launched = (): Launched => {
    if (!current) throw new Error('the app is not running');
    return current;
  };

  test.beforeEach(async () => {
    if (!electron.installed) return;
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-electron-'));
    current = await launch(electron.executablePath, userData);
    await expect(current.window.firstRun).toBeVisible();
    await expect(current.window.createHeading).toBeVisible();
  });

  test.afterEach(async () => {
    await current?.app.close();
    current = undefined;
    if (userData) fs.rmSync(userData, { recursive: true, force: true });
  });

  test('the window is sandboxed and context-isolated, with no Node integration', async () => {
    const preferences = await launched().app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      // getLastWebPreferences is untyped but long-standing: the preferences the renderer really got.
      const read: unknown = contents ? Reflect.get(contents, 'getLastWebPreferences') : undefined;
      if (!contents || typeof read !== 'function') return 'webContents.getLastWebPreferences is missing';
      const prefs: unknown = read.call(contents);
      if (typeof prefs !== 'object' || prefs === null) return 'no web preferences';
      const pick = (key: string): unknown => Reflect.get(prefs, key);
      return {
        contextIsolation: pick('contextIsolation'),
        sandbox: pick('sandbox'),
        nodeIntegration: pick('nodeIntegration'),
        webSecurity: pick('webSecurity'),
        webviewTag: pick('webviewTag'),
      };
    });
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(await launched().app.evaluate(({ app }) => app.getPath('userData'))).toBe(userData);
    expect(launched().page.url()).toBe('app://uptake/index.html');
  });

  test('the page has no Node, and window.api is only the bridge', async () => {
    const page = await launched().page.evaluate(() => ({
      require: typeof Reflect.get(window, 'require'),
      process: typeof Reflect.get(globalThis, 'process'),
      module: typeof Reflect.get(globalThis, 'module'),
      api: window.api ? Object.keys(window.api).sort() : null,
      host: window.api?.host,
      version: window.api?.version,
    }));
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      api: ['dialogs', 'host', 'reports', 'version'],
      host: 'electron',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  test('app:// pages carry the CSP, and the page cannot reach the network', async () => {
    const result = await launched().page.evaluate(async () => {
      const own = await fetch('app://uptake/index.html');
      const outside = await fetch('https://example.com/').then(
        () => 'reached',
        () => 'blocked',
      );
      return { status: own.status, csp: own.headers.get('content-security-policy'), outside };
    });
    expect(result.status).toBe(200);
    expect(result.csp).toContain("default-src 'self'");
    expect(result.csp).toContain("script-src 'self'");
    expect(result.outside).toBe('blocked');
  });

  test('navigation away from app://uptake is refused and the page survives it', async () => {
    const { app, page } = launched();
    await page.evaluate(() => Reflect.set(window, '__uptakeMarker', 'still here'));
    // Main's will-navigate listeners run in order: ours (which refuses) first, this one after it.
    const seen = app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<{ url: string; prevented: boolean }>((resolve) => {
          const [window] = BrowserWindow.getAllWindows();
          window?.webContents.once('will-navigate', (event) => resolve({ url: event.url, prevented: event.defaultPrevented }));
        }),
    );
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(await seen).toEqual({ url: 'https://example.com/', prevented: true });
    // The same document (its marker intact) on the same URL, in main's view and the page's.
    await expect(launched().window.firstRun).toBeVisible();
    expect(await page.evaluate(() => Reflect.get(window, '__uptakeMarker'))).toBe('still here');
    expect(page.url()).toBe('app://uptake/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getURL())).toBe(
      'app://uptake/index.html',
    );
  });

  test('window.open opens nothing', async () => {
    const opened = await launched().page.evaluate(() => [
      window.open('about:blank') === null,
      window.open('app://uptake/index.html') === null,
    ]);
    expect(opened).toEqual([true, true]);
    expect(await launched().app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('the API works through the port: a workspace created in the UI is in <userData>/uptake.db', async () => {
    const { window: ui } = launched();
    await ui.createWorkspace('Acme Insurance', 'Dana Lee');
    await expect(ui.currentWorkspace).toHaveText('Acme Insurance');
    await launched().app.close();

    expect(fs.existsSync(path.join(userData, 'uptake.db'))).toBe(true);
    if (!electron.installed) return;
    current = await launch(electron.executablePath, userData);
    await expect(launched().window.currentWorkspace).toHaveText('Acme Insurance');
  });

  test('a second launch hands over to the first window and exits', async () => {
    if (!electron.installed) return;
    const handedOver = launched().app.evaluate(
      ({ app }) => new Promise<boolean>((resolve) => app.once('second-instance', () => resolve(true))),
    );
    const second = spawn(electron.executablePath, [...chromiumArgs(), repoRoot], {
      cwd: repoRoot,
      env: { ...process.env, UPTAKE_USER_DATA: userData },
      stdio: 'ignore',
    });
    const exitCode = await new Promise<number | null>((resolve) => second.once('exit', (code) => resolve(code)));
    expect(exitCode).toBe(0);
    expect(await handedOver).toBe(true);
    expect(await launched().app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
