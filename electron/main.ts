import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { UserError } from '../db/errors';
import { type Engine, open } from '../db/open';
import { defaultDataDir } from '../db/paths';
import { APP_ENTRY, VERSION_ARGUMENT } from './channels';
import { serveDialogs } from './dialogs';
import { serveApi } from './ipc';
import { type AppLocations, appLocations, databaseFile } from './locations';
import { applicationMenu } from './menu';
import { serveReportExport } from './report-export';
import { guardAllWebContents, lockDownSession, registerAppScheme, serveRenderer } from './security';

/*
 * The Electron shell: one window hosting the renderer, the engine (db/) opened in main, the API
 * served to the window over a MessagePort. Everything here runs before or at `ready`; the order
 * matters (the name and userData before the single-instance lock, the scheme before `ready`).
 */

// userData is the folder the CLI opens by default too (db/paths.ts); UPTAKE_USER_DATA gives tests their own.
const userData = process.env.UPTAKE_USER_DATA ? path.resolve(process.env.UPTAKE_USER_DATA) : defaultDataDir();
app.setName('Uptake');
app.setPath('userData', userData);
// Chromium's caches and storage go in a subfolder, so the data folder the CLI shares stays readable.
app.setPath('sessionData', path.join(userData, 'session'));
app.enableSandbox();
registerAppScheme();
guardAllWebContents();

let mainWindow: BrowserWindow | null = null;
/** Set once `ready` has opened the database and registered the handlers; a window needs them. */
let showWindow: (() => void) | null = null;

/** A message the user can act on, then quit: there is no app without its database. */
function fail(title: string, message: string, exitCode: number): void {
  console.error(`${title}: ${message}`);
  dialog.showErrorBox(title, message);
  app.exit(exitCode);
}

function checkBuild(locations: AppLocations): string | null {
  if (!fs.existsSync(path.join(locations.rendererDir, 'index.html'))) {
    return `The renderer is not built (${path.join(locations.rendererDir, 'index.html')} is missing). Run \`npm run build\`, then start Uptake again.`;
  }
  if (!fs.existsSync(locations.nativeBinding)) {
    return app.isPackaged
      ? `This installation is incomplete: ${locations.nativeBinding} is missing. Reinstall Uptake.`
      : `better-sqlite3 built for Electron is missing (${locations.nativeBinding}). Run \`node scripts/electron-native.mjs\` (it needs internet access once, for a prebuilt binary or Electron's headers), then start Uptake again.`;
  }
  return null;
}

function openEngine(locations: AppLocations): Engine | null {
  try {
    fs.mkdirSync(userData, { recursive: true });
    return open(databaseFile(userData), { migrationsDir: locations.migrationsDir, nativeBinding: locations.nativeBinding });
  } catch (e) {
    if (e instanceof UserError) {
      fail('Uptake cannot open its database', e.message, 1);
    } else {
      const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
      fail('Uptake could not start', `Opening ${databaseFile(userData)} failed unexpectedly:\n\n${detail}`, 2);
    }
    return null;
  }
}

function createWindow(locations: AppLocations): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Uptake',
    // The renderer's body colour (it uses Mantine's light scheme), so nothing flashes before the first paint.
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: locations.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
      additionalArguments: [`${VERSION_ARGUMENT}${app.getVersion()}`],
    },
  });
  window.once('ready-to-show', () => window.show());
  // If the page cannot load, show the window anyway rather than leave an invisible app running.
  window.webContents.once('did-fail-load', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => console.error(`The window's renderer stopped: ${details.reason}`));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadURL(APP_ENTRY).catch((e: unknown) => console.error(`Could not load ${APP_ENTRY}: ${String(e)}`));
  return window;
}

function ready(): void {
  const locations = appLocations({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
  const problem = checkBuild(locations);
  if (problem) {
    fail('Uptake could not start', problem, 2);
    return;
  }
  const engine = openEngine(locations);
  if (!engine) return;
  app.on('will-quit', () => engine.close());

  lockDownSession(session.defaultSession);
  serveRenderer(session.defaultSession, locations.rendererDir);
  serveApi(engine);
  serveDialogs();
  serveReportExport(engine);

  app.setAboutPanelOptions({ applicationName: 'Uptake', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(applicationMenu({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged, dataDir: userData }));

  showWindow = () => {
    if (!mainWindow) {
      mainWindow = createWindow(locations);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  showWindow();
  // macOS keeps the app running with no window; clicking the Dock icon opens one again.
  app.on('activate', () => {
    if (!mainWindow) showWindow?.();
  });
}

if (app.requestSingleInstanceLock()) {
  // A second launch focuses this window instead of opening the database twice.
  app.on('second-instance', () => showWindow?.());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(ready)
    .catch((e: unknown) => fail('Uptake could not start', e instanceof Error ? (e.stack ?? e.message) : String(e), 2));
} else {
  app.quit();
}
