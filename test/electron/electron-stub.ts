import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * A recording stand-in for the parts of Electron's main-process API that dist/electron/main.cjs
 * touches. It lets the bundle be loaded and exercised in plain Node where Electron's binary is
 * missing: it checks our wiring (order of calls, options, handlers), not Electron's behaviour,
 * which only app.spec.ts checks, where the binary exists.
 */

type Listener = (...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export interface FakeDialogResult {
  canceled: boolean;
  filePaths?: string[];
  filePath?: string;
}

export interface FakeWindow {
  options: Record<string, unknown>;
  loadedUrl: string | null;
  /** The page's HTML at the moment it was printed (print windows load a file:// URL). */
  printedHtml: string | null;
  printOptions: unknown;
  /** What the newest partition's request filter said about the page's own URL while it was printed. */
  verdictWhilePrinting: unknown;
  destroyed: boolean;
}

/** A session made with session.fromPartition (the report's print window has its own). */
export interface FakePartition {
  name: string;
  options: unknown;
  permissionRequest: Listener | null;
  beforeRequest: Listener | null;
  listeners: Map<string, Listener[]>;
}

export interface ElectronStubRecord {
  calls: string[];
  userData: string | null;
  schemes: unknown[];
  sandboxEnabled: boolean;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  appListeners: Map<string, Listener[]>;
  sessionListeners: Map<string, Listener[]>;
  ipcListeners: Map<string, Listener>;
  ipcHandlers: Map<string, Listener>;
  permissionRequest: Listener | null;
  permissionCheck: Listener | null;
  devicePermission: Listener | null;
  beforeRequest: { filter: { urls: string[] }; listener: Listener } | null;
  windows: FakeWindow[];
  menu: unknown[] | null;
  errorBoxes: { title: string; message: string }[];
  exitCode: number | null;
  openExternal: string[];
  dialogCalls: { kind: 'open' | 'save'; options: Record<string, unknown> }[];
  nextDialogResult: FakeDialogResult;
  partitions: FakePartition[];
}

export interface ElectronStub {
  record: ElectronStubRecord;
  /** The object main.cjs receives from require('electron'). */
  exports: Record<string, unknown>;
  /** Resolves once main's whenReady().then(ready) has run. */
  ready: Promise<void>;
  emitApp(event: string, ...args: unknown[]): void;
}

const push = (map: Map<string, Listener[]>, event: string, listener: Listener) => map.set(event, [...(map.get(event) ?? []), listener]);

export function createElectronStub(appPath: string): ElectronStub {
  const record: ElectronStubRecord = {
    calls: [],
    userData: null,
    schemes: [],
    sandboxEnabled: false,
    protocolHandlers: new Map(),
    appListeners: new Map(),
    sessionListeners: new Map(),
    ipcListeners: new Map(),
    ipcHandlers: new Map(),
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    beforeRequest: null,
    windows: [],
    menu: null,
    errorBoxes: [],
    exitCode: null,
    openExternal: [],
    dialogCalls: [],
    nextDialogResult: { canceled: true, filePaths: [] },
    partitions: [],
  };
  let markReady: () => void = () => undefined;
  const readyGate = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  // main's then(ready) runs one microtask after whenReady resolves; the test waits past it.
  const ready = readyGate.then(() => new Promise<void>((resolve) => setImmediate(resolve)));

  const app = {
    isPackaged: false,
    setName: (name: string) => record.calls.push(`app.setName(${name})`),
    setPath: (name: string, value: string) => {
      record.calls.push(`app.setPath(${name})`);
      if (name === 'userData') record.userData = value;
    },
    getPath: (name: string) => (name === 'userData' ? (record.userData ?? '') : path.join(os.tmpdir(), `uptake-stub-${name}`)),
    getAppPath: () => appPath,
    getVersion: () => '0.0.0-stub',
    enableSandbox: () => {
      record.calls.push('app.enableSandbox');
      record.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => {
      record.calls.push('app.requestSingleInstanceLock');
      return true;
    },
    on: (event: string, listener: Listener) => push(record.appListeners, event, listener),
    whenReady: () => {
      record.calls.push('app.whenReady');
      setImmediate(markReady);
      return readyGate;
    },
    quit: () => record.calls.push('app.quit'),
    exit: (code: number) => {
      record.exitCode = code;
    },
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => undefined,
  };

  const session = {
    protocol: {
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => record.protocolHandlers.set(scheme, handler),
    },
    setPermissionRequestHandler: (handler: Listener) => {
      record.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: Listener) => {
      record.permissionCheck = handler;
    },
    setDevicePermissionHandler: (handler: Listener) => {
      record.devicePermission = handler;
    },
    on: (event: string, listener: Listener) => push(record.sessionListeners, event, listener),
    webRequest: {
      onBeforeRequest: (filter: { urls: string[] }, listener: Listener) => {
        record.beforeRequest = { filter, listener };
      },
    },
  };

  const fromPartition = (name: string, options: unknown) => {
    const partition: FakePartition = { name, options, permissionRequest: null, beforeRequest: null, listeners: new Map() };
    record.partitions.push(partition);
    return {
      setPermissionRequestHandler: (handler: Listener) => {
        partition.permissionRequest = handler;
      },
      setPermissionCheckHandler: () => undefined,
      on: (event: string, listener: Listener) => push(partition.listeners, event, listener),
      webRequest: {
        onBeforeRequest: (listener: Listener) => {
          partition.beforeRequest = listener;
        },
      },
    };
  };

  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => record.windows;
    static fromWebContents = () => null;
    readonly fake: FakeWindow;
    readonly webContents: EventEmitter & { printToPDF: (options: unknown) => Promise<Buffer> };
    constructor(options: Record<string, unknown>) {
      super();
      const fake: FakeWindow = {
        options,
        loadedUrl: null,
        printedHtml: null,
        printOptions: null,
        verdictWhilePrinting: null,
        destroyed: false,
      };
      this.fake = fake;
      record.windows.push(fake);
      this.webContents = Object.assign(new EventEmitter(), {
        printToPDF: (printOptions: unknown) => {
          fake.printOptions = printOptions;
          fake.printedHtml = fake.loadedUrl?.startsWith('file:') ? fs.readFileSync(new URL(fake.loadedUrl), 'utf8') : null;
          record.partitions[record.partitions.length - 1]?.beforeRequest?.({ url: fake.loadedUrl }, (verdict: unknown) => {
            fake.verdictWhilePrinting = verdict;
          });
          return Promise.resolve(Buffer.from('%PDF-1.7\n% a stand-in for the printed report\n'));
        },
      });
    }
    destroy() {
      this.fake.destroyed = true;
    }
    loadURL(url: string) {
      this.fake.loadedUrl = url;
      return Promise.resolve();
    }
    isMinimized = () => false;
    restore = () => undefined;
    show = () => undefined;
    focus = () => undefined;
  }

  const dialog = {
    showErrorBox: (title: string, message: string) => record.errorBoxes.push({ title, message }),
    showOpenDialog: (...args: unknown[]) => {
      const options = args[args.length - 1];
      record.dialogCalls.push({ kind: 'open', options: isRecord(options) ? options : {} });
      return Promise.resolve(record.nextDialogResult);
    },
    showSaveDialog: (...args: unknown[]) => {
      const options = args[args.length - 1];
      record.dialogCalls.push({ kind: 'save', options: isRecord(options) ? options : {} });
      return Promise.resolve(record.nextDialogResult);
    },
  };

  const exports: Record<string, unknown> = {
    app,
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => record.schemes.push(...schemes) },
    session: { defaultSession: session, fromPartition },
    shell: {
      openExternal: (url: string) => {
        record.openExternal.push(url);
        return Promise.resolve();
      },
      openPath: () => Promise.resolve(''),
    },
    ipcMain: {
      on: (channel: string, listener: Listener) => record.ipcListeners.set(channel, listener),
      handle: (channel: string, listener: Listener) => record.ipcHandlers.set(channel, listener),
    },
    BrowserWindow,
    dialog,
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[]) => {
        record.menu = menu;
      },
    },
  };

  return {
    record,
    exports,
    ready,
    emitApp: (event, ...args) => {
      for (const listener of record.appListeners.get(event) ?? []) listener(...args);
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * An app folder shaped like the repo (dist/electron, dist/renderer, db/migrations, the native
 * binding) whose node_modules/electron is an empty module the test fills with the stub. The
 * "Electron" binding is node_modules' Node build, since the stubbed main runs in Node.
 */
export function stubAppFolder(repoRoot: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-main-bundle-'));
  const link = (target: string, at: string) => {
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(target, at);
  };
  fs.mkdirSync(path.join(root, 'dist', 'electron'), { recursive: true });
  for (const file of ['main.cjs', 'preload.cjs']) {
    fs.copyFileSync(path.join(repoRoot, 'dist', 'electron', file), path.join(root, 'dist', 'electron', file));
  }
  fs.mkdirSync(path.join(root, 'dist', 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Uptake</title><div id="root"></div>');
  fs.writeFileSync(path.join(root, 'dist', 'renderer', 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
  link(path.join(repoRoot, 'db', 'migrations'), path.join(root, 'db', 'migrations'));
  link(path.join(repoRoot, 'node_modules', 'better-sqlite3'), path.join(root, 'node_modules', 'better-sqlite3'));
  link(
    path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    path.join(root, '.cache', 'electron-native', 'better_sqlite3.node'),
  );
  fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'index.js'), 'module.exports = {};\n');
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'uptake-stub', main: 'dist/electron/main.cjs' }));
  return root;
}
