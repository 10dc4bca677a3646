import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createORPCClient, ORPCError } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { expect, test } from '@playwright/test';
import type { Contract, OperationName } from '../../db/api/contract';
import { DEFAULT_METRIC_SETTINGS, ELECTRON_PORT_MESSAGE, ROLES, type Role } from '../../db/api/types';
import { expectedAllowed } from '../policy';
import { createElectronStub, type ElectronStub, type FakeFrame, isRecord, stubAppFolder } from './electron-stub';

/*
 * The built shell (dist/electron/*.cjs) loaded in plain Node against a recording stub of
 * Electron's API. This runs everywhere, binary or not: it proves the bundles load, wire the
 * security settings, serve only the renderer folder, check IPC senders, and answer the API over
 * a MessagePort. What only real Electron can show (the window's actual preferences, blocked
 * navigation, the renderer talking through the preload) is app.spec.ts.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

const trusted: FakeFrame = { url: 'app://uptake/index.html#/teams', parent: null };

/** Electron's MessagePortMain has on/postMessage/start/close and no addEventListener; so does this. */
function mainSidePort(port: MessagePort) {
  const listening: string[] = [];
  let closed = false;
  return {
    listening,
    isClosed: () => closed,
    on(event: string, callback: (event?: { data: unknown }) => void) {
      listening.push(event);
      if (event === 'message') port.on('message', (data: unknown) => callback({ data }));
      if (event === 'close') port.on('close', () => callback());
    },
    postMessage: (data: unknown) => port.postMessage(data),
    start: () => port.start(),
    close: () => {
      closed = true;
      port.close();
    },
  };
}

test.describe('main bundle, against a stub of Electron', () => {
  test.describe.configure({ mode: 'serial' });

  let stub: ElectronStub;
  let appFolder = '';
  let userData = '';

  test.beforeAll(async () => {
    appFolder = stubAppFolder(repoRoot);
    userData = path.join(appFolder, 'user data');
    stub = createElectronStub(appFolder);
    Object.assign(require(path.join(appFolder, 'node_modules', 'electron')), stub.exports);
    process.env.UPTAKE_USER_DATA = userData;
    require(path.join(appFolder, 'dist', 'electron', 'main.cjs'));
    await stub.ready;
  });

  test.afterAll(() => {
    stub.emitApp('will-quit');
    delete process.env.UPTAKE_USER_DATA;
    fs.rmSync(appFolder, { recursive: true, force: true });
  });

  test('boots: userData and the scheme before the lock, sandbox for all, the database opened', () => {
    const { record } = stub;
    expect(record.errorBoxes).toEqual([]);
    expect(record.exitCode).toBeNull();
    expect(record.calls.slice(0, 5)).toEqual([
      'app.setName(Uptake)',
      'app.setPath(userData)',
      'app.setPath(sessionData)',
      'app.enableSandbox',
      'app.requestSingleInstanceLock',
    ]);
    expect(record.userData).toBe(userData);
    expect(record.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fs.existsSync(path.join(userData, 'uptake.db'))).toBe(true);
    expect(record.appListeners.has('second-instance')).toBe(true);
    expect(record.appListeners.has('web-contents-created')).toBe(true);
  });

  test('opens one hidden, sandboxed, context-isolated window on app://uptake', () => {
    const [window] = stub.record.windows;
    expect(stub.record.windows).toHaveLength(1);
    expect(window?.loadedUrl).toBe('app://uptake/index.html');
    expect(window?.options).toMatchObject({ show: false, minWidth: expect.any(Number), minHeight: expect.any(Number) });
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: path.join(appFolder, 'dist', 'electron', 'preload.cjs'),
      additionalArguments: ['--uptake-version=0.0.0-stub'],
    });
  });

  test('app:// serves the renderer folder with the CSP, and nothing outside it', async () => {
    const handler = stub.record.protocolHandlers.get('app');
    if (!handler) throw new Error('no app:// handler registered');
    const index = await handler(new Request('app://uptake/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<title>Uptake</title>');
    expect((await handler(new Request('app://uptake/assets/app.js'))).headers.get('content-type')).toContain('javascript');
    for (const url of ['app://uptake/..%2fsecret.txt', 'app://uptake/..%2f..%2fsecret.txt', 'app://other/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the renderer');
    }
  });

  test('permissions, downloads and network requests are refused', () => {
    const { record } = stub;
    const answers: boolean[] = [];
    record.permissionRequest?.(null, 'media', (granted: boolean) => answers.push(granted), {});
    expect(answers).toEqual([false]);
    expect(record.permissionCheck?.(null, 'clipboard-read', 'app://uptake', {})).toBe(false);
    expect(record.devicePermission?.({})).toBe(false);
    expect(record.beforeRequest?.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file:///*']));
    const cancelled: unknown[] = [];
    record.beforeRequest?.listener({ url: 'https://example.com/' }, (response: unknown) => cancelled.push(response));
    expect(cancelled).toEqual([{ cancel: true }]);
    let prevented = false;
    for (const listener of record.sessionListeners.get('will-download') ?? []) {
      listener({ preventDefault: () => (prevented = true) }, { getURL: () => 'https://example.com/x.exe' });
    }
    expect(prevented).toBe(true);
  });

  test('every webContents refuses navigation away, new windows and <webview>', () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: (details: { url: string }) => unknown = () => undefined;
    const contents = {
      on: (event: string, listener: (...args: unknown[]) => void) => handlers.set(event, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
        openHandler = handler;
      },
    };
    stub.emitApp('web-contents-created', {}, contents);

    const attempt = (event: string, url: string) => {
      let prevented = false;
      handlers.get(event)?.({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(attempt(event, 'https://example.com/'), event).toBe(true);
      expect(attempt(event, 'file:///etc/passwd'), event).toBe(true);
      expect(attempt(event, 'app://uptake/index.html#/teams'), event).toBe(false);
    }
    expect(attempt('will-attach-webview', 'app://uptake/index.html')).toBe(true);

    expect(openHandler({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'app://uptake/index.html' })).toEqual({ action: 'deny' });
    expect(stub.record.openExternal).toEqual(['https://example.com/docs']);
  });

  test('the API answers over a port from the app, and ignores ports from anywhere else', async () => {
    const listener = stub.record.ipcListeners.get('uptake:orpc-port');
    if (!listener) throw new Error('no uptake:orpc-port listener');

    for (const senderFrame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://uptake/index.html', parent: trusted }, null]) {
      const { port1 } = new MessageChannel();
      const port = mainSidePort(port1);
      listener({ ports: [port], senderFrame });
      expect(port.isClosed()).toBe(true);
      expect(port.listening).toEqual([]);
    }

    const { port1, port2 } = new MessageChannel();
    listener({ ports: [mainSidePort(port1)], senderFrame: trusted });
    port2.start();
    const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ port: port2 }));
    try {
      expect((await client.workspace.get({})).workspace).toBeNull();
      await client.workspace.init({ workspace: 'Acme Insurance', me: 'Dana Lee' });
      const info = await client.workspace.get({});
      expect(info.workspace?.name).toBe('Acme Insurance');
      expect(info.me?.name).toBe('Dana Lee');
      expect(info.databaseFile).toBe(path.join(userData, 'uptake.db'));
      await expect(client.teams.create({ name: '' })).rejects.toThrow(/name/);
    } finally {
      port2.close();
    }
  });

  test('dialogs check the sender and the options, and take only a file name from the page', async () => {
    const open = stub.record.ipcHandlers.get('uptake:dialog:open');
    const save = stub.record.ipcHandlers.get('uptake:dialog:save');
    if (!open || !save) throw new Error('dialog channels are not registered');
    const event = (senderFrame: FakeFrame | null) => ({ senderFrame, sender: {} });

    await expect(Promise.resolve(open(event({ url: 'https://evil.example/', parent: null }), {}))).rejects.toThrow(/only available/);
    await expect(Promise.resolve(open(event(trusted), { title: 'x', command: 'rm -rf /' }))).rejects.toThrow(/Invalid options/);
    await expect(Promise.resolve(open(event(trusted), { filters: [{ name: 'CSV', extensions: ['.csv'] }] }))).rejects.toThrow(
      /Invalid options/,
    );

    stub.record.nextDialogResult = { canceled: false, filePaths: ['/data/usage.csv'] };
    expect(await open(event(trusted), { title: 'Import usage', filters: [{ name: 'CSV', extensions: ['csv'] }] })).toBe('/data/usage.csv');
    stub.record.nextDialogResult = { canceled: true, filePaths: [] };
    expect(await open(event(trusted), {})).toBeNull();

    stub.record.nextDialogResult = { canceled: false, filePath: '/data/report.html' };
    expect(await save(event(trusted), { defaultPath: '../../../etc/report.html' })).toBe('/data/report.html');
    const last = stub.record.dialogCalls[stub.record.dialogCalls.length - 1];
    expect(last?.kind).toBe('save');
    expect(last?.options.defaultPath).toBe(path.join(os.tmpdir(), 'uptake-stub-documents', 'report.html'));
  });

  test('the menu offers developer tools in development', () => {
    const menu = stub.record.menu ?? [];
    const view = menu.find((item) => isRecord(item) && item.label === 'View');
    const roles =
      isRecord(view) && Array.isArray(view.submenu) ? view.submenu.map((item: unknown) => (isRecord(item) ? item.role : null)) : [];
    expect(roles).toContain('toggleDevTools');
    expect(menu.some((item) => isRecord(item) && item.role === 'editMenu')).toBe(true);
  });

  test('reports are saved through a native dialog: the page sends a format and filters, main writes the file', async () => {
    const save = stub.record.ipcHandlers.get('uptake:report:save');
    if (!save) throw new Error('uptake:report:save is not registered');
    const event = (senderFrame: FakeFrame | null) => ({ senderFrame, sender: {} });
    const folder = path.join(appFolder, 'exports');
    fs.mkdirSync(folder);
    await expect(Promise.resolve(save(event({ url: 'https://evil.example/', parent: null }), { format: 'json' }))).rejects.toThrow(
      /only available/,
    );

    // JSON: the report of docs/metrics.md, written where the user chose; the dialog suggests the export's name.
    const json = path.join(folder, 'report.json');
    stub.record.nextDialogResult = { canceled: false, filePath: json };
    expect(await save(event(trusted), { format: 'json', slice: {} })).toEqual({ status: 'saved', path: json });
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toMatchObject({ workspace: 'Acme Insurance', rows: [] });
    const dialogOptions = stub.record.dialogCalls[stub.record.dialogCalls.length - 1]?.options;
    expect(dialogOptions?.defaultPath).toBe(path.join(os.tmpdir(), 'uptake-stub-documents', 'uptake-report-acme-insurance.json'));
    expect(dialogOptions?.filters).toEqual([{ name: 'JSON', extensions: ['json'] }]);

    // PDF: the HTML report printed by a hidden, script-less window in its own session, then closed.
    const pdf = path.join(folder, 'report.pdf');
    stub.record.nextDialogResult = { canceled: false, filePath: pdf };
    const before = stub.record.windows.length;
    expect(await save(event(trusted), { format: 'pdf', slice: { from: '2026-01', to: '2026-03' } })).toEqual({
      status: 'saved',
      path: pdf,
    });
    expect(fs.readFileSync(pdf, 'latin1').startsWith('%PDF-')).toBe(true);
    const printer = stub.record.windows[before];
    expect(stub.record.windows).toHaveLength(before + 1);
    expect(printer?.options).toMatchObject({ show: false });
    expect(printer?.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(printer?.loadedUrl).toMatch(/^file:\/\/.*report\.html$/);
    expect(printer?.printedHtml).toContain('Jan 2026 to Mar 2026');
    expect(printer?.verdictWhilePrinting).toEqual({ cancel: false });
    expect(printer?.printOptions).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(printer?.destroyed).toBe(true);
    expect(fs.existsSync(new URL(printer?.loadedUrl ?? 'file:///nowhere'))).toBe(false);
    // The print session loads that one file and nothing else, and grants nothing.
    const [partition] = stub.record.partitions;
    const verdicts: unknown[] = [];
    for (const url of [printer?.loadedUrl, 'https://example.com/x.png', 'file:///etc/passwd']) {
      partition?.beforeRequest?.({ url }, (response: unknown) => verdicts.push(response));
    }
    expect(verdicts).toEqual([{ cancel: true }, { cancel: true }, { cancel: true }]);
    const granted: boolean[] = [];
    partition?.permissionRequest?.(null, 'media', (ok: boolean) => granted.push(ok));
    expect(granted).toEqual([false]);

    stub.record.nextDialogResult = { canceled: true };
    expect(await save(event(trusted), { format: 'csv' })).toEqual({ status: 'cancelled' });
    expect(await save(event(trusted), { format: 'docx' })).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/format must be/),
    });
    expect(await save(event(trusted), { format: 'html', slice: { team: 'Nowhere' } })).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/No team named "Nowhere"/),
    });
  });

  test('the API over the port holds each role to the policy of test/policy.ts', async () => {
    const listener = stub.record.ipcListeners.get('uptake:orpc-port');
    if (!listener) throw new Error('no uptake:orpc-port listener');
    const { port1, port2 } = new MessageChannel();
    listener({ ports: [mainSidePort(port1)], senderFrame: trusted });
    port2.start();
    const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ port: port2 }));
    try {
      const me = (await client.workspace.get({})).me;
      if (me?.role !== 'change_manager') throw new Error('the workspace was made by a change manager');
      const team = await client.teams.create({ name: 'Claims North' });
      const initiative = await client.initiatives.create({ name: 'Claims triage assistant' });
      // The app acts as this device's chosen profile: one per role.
      const profiles: Record<Role, string> = {
        change_manager: me.id,
        champion: (await client.members.create({ name: 'Tom Okafor', role: 'champion' })).id,
        sponsor: (await client.members.create({ name: 'Priya Shah', role: 'sponsor' })).id,
      };
      const sample = (role: Role): [OperationName, () => Promise<unknown>][] => [
        ['teams.list', () => client.teams.list({})],
        ['initiatives.update', () => client.initiatives.update({ id: initiative.id, status: 'live' })],
        [
          'shadowProcesses.create',
          () =>
            client.shadowProcesses.create({
              name: `Tracker of the ${role}`,
              teamId: team.id,
              kind: 'spreadsheet',
              usersInvolved: 2,
              firstSeen: '2026-01-05',
            }),
        ],
        ['reviews.queue', () => client.reviews.queue({})],
        ['metrics.configure', () => client.metrics.configure(DEFAULT_METRIC_SETTINGS)],
        ['reports.export', () => client.reports.export({ format: 'csv' })],
      ];
      const wrong: string[] = [];
      for (const role of ROLES) {
        await client.profiles.switch({ memberId: profiles[role] });
        for (const [op, run] of sample(role)) {
          const error = await run().then(
            () => null,
            (e: unknown) => e,
          );
          const refused = error instanceof ORPCError && error.code === 'FORBIDDEN';
          if (refused === expectedAllowed(op, role) || (error && !refused)) wrong.push(`${op} as ${role}: ${String(error ?? 'allowed')}`);
        }
      }
      expect(wrong).toEqual([]);
    } finally {
      port2.close();
    }
  });
});

/** Loads a fresh copy of main.cjs (its own folder, so its own module instance) against a fresh stub. */
async function boot(prepare: (appFolder: string, userData: string) => void): Promise<{ stub: ElectronStub; appFolder: string }> {
  const appFolder = stubAppFolder(repoRoot);
  const userData = path.join(appFolder, 'user data');
  fs.mkdirSync(userData, { recursive: true });
  prepare(appFolder, userData);
  const stub = createElectronStub(appFolder);
  Object.assign(require(path.join(appFolder, 'node_modules', 'electron')), stub.exports);
  process.env.UPTAKE_USER_DATA = userData;
  try {
    require(path.join(appFolder, 'dist', 'electron', 'main.cjs'));
    await stub.ready;
  } finally {
    delete process.env.UPTAKE_USER_DATA;
  }
  return { stub, appFolder };
}

test.describe('main bundle, when it cannot start', () => {
  test('a file that is not an Uptake database: the engine message in a dialog, then exit 1', async () => {
    const { stub, appFolder } = await boot((_folder, userData) =>
      fs.writeFileSync(path.join(userData, 'uptake.db'), 'this is not SQLite'.repeat(300)),
    );
    try {
      expect(stub.record.errorBoxes).toHaveLength(1);
      expect(stub.record.errorBoxes[0]?.title).toBe('Uptake cannot open its database');
      expect(stub.record.errorBoxes[0]?.message).toContain('is not an Uptake database');
      expect(stub.record.exitCode).toBe(1);
      expect(stub.record.windows).toEqual([]);
      expect(stub.record.ipcListeners.size).toBe(0);
    } finally {
      fs.rmSync(appFolder, { recursive: true, force: true });
    }
  });

  test('no Electron build of better-sqlite3: says how to make one, then exit 2', async () => {
    const { stub, appFolder } = await boot((folder) => fs.rmSync(path.join(folder, '.cache', 'electron-native', 'better_sqlite3.node')));
    try {
      expect(stub.record.errorBoxes[0]?.message).toContain('scripts/electron-native.mjs');
      expect(stub.record.exitCode).toBe(2);
      expect(stub.record.windows).toEqual([]);
    } finally {
      fs.rmSync(appFolder, { recursive: true, force: true });
    }
  });
});

test.describe('preload bundle, against a stub of Electron', () => {
  test('exposes only window.api and forwards only a port the page posted to itself', () => {
    const source = fs.readFileSync(path.join(repoRoot, 'dist', 'electron', 'preload.cjs'), 'utf8');
    const exposed = new Map<string, unknown>();
    const posted: { channel: string; ports: unknown[] }[] = [];
    const required: string[] = [];
    let onMessage: (event: { source: unknown; data: unknown; ports: unknown[] }) => void = () => undefined;
    const window = {
      addEventListener: (type: string, listener: typeof onMessage) => {
        if (type === 'message') onMessage = listener;
      },
    };
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        postMessage: (channel: string, _message: unknown, ports: unknown[]) => posted.push({ channel, ports }),
        invoke: (channel: string) => Promise.resolve(channel === 'uptake:dialog:open' ? '/data/usage.csv' : undefined),
      },
    };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    vm.runInNewContext(source, {
      window,
      require: sandboxRequire,
      module,
      exports: module.exports,
      process: { argv: ['electron', '--uptake-version=1.2.3'] },
    });

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api');
    expect(isRecord(api) && Object.keys(api).sort()).toEqual(['dialogs', 'host', 'reports', 'version']);
    expect(isRecord(api) && api.host).toBe('electron');
    expect(isRecord(api) && api.version).toBe('1.2.3');

    const port = { name: 'port' };
    onMessage({ source: {}, data: ELECTRON_PORT_MESSAGE, ports: [port] });
    onMessage({ source: window, data: 'something else', ports: [port] });
    onMessage({ source: window, data: ELECTRON_PORT_MESSAGE, ports: [] });
    expect(posted).toEqual([]);
    onMessage({ source: window, data: ELECTRON_PORT_MESSAGE, ports: [port] });
    expect(posted).toEqual([{ channel: 'uptake:orpc-port', ports: [port] }]);
  });

  test('dialogs go through their two channels and resolve to a path or null', async () => {
    const invoked: string[] = [];
    const exposed = new Map<string, unknown>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        postMessage: () => undefined,
        invoke: (channel: string) => {
          invoked.push(channel);
          return Promise.resolve(channel === 'uptake:dialog:open' ? '/data/usage.csv' : undefined);
        },
      },
    };
    const source = fs.readFileSync(path.join(repoRoot, 'dist', 'electron', 'preload.cjs'), 'utf8');
    const module = { exports: {} };
    vm.runInNewContext(source, {
      window: { addEventListener: () => undefined },
      require: () => electron,
      module,
      exports: module.exports,
      process: { argv: [] },
    });
    const api = exposed.get('api');
    const dialogs = isRecord(api) && isRecord(api.dialogs) ? api.dialogs : {};
    const { openFile, saveFile } = dialogs;
    if (typeof openFile !== 'function' || typeof saveFile !== 'function') throw new Error('window.api.dialogs is incomplete');
    expect(await openFile({ title: 'Import usage' })).toBe('/data/usage.csv');
    expect(await saveFile({ defaultPath: 'report.html' })).toBeNull();
    expect(invoked).toEqual(['uptake:dialog:open', 'uptake:dialog:save']);
    const { openFolder } = dialogs;
    const reports = isRecord(api) && isRecord(api.reports) ? api.reports : {};
    if (typeof openFolder !== 'function' || typeof reports.save !== 'function') throw new Error('window.api is incomplete');
    expect(await openFolder({ title: 'Shared folder' })).toBe('/data/usage.csv');
    await reports.save({ format: 'pdf', slice: {} });
    expect(invoked).toEqual(['uptake:dialog:open', 'uptake:dialog:save', 'uptake:dialog:open', 'uptake:report:save']);
  });
});
