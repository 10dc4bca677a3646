import { contextBridge, ipcRenderer } from 'electron';
import { ELECTRON_PORT_MESSAGE, type ReportSaveResult, type UptakeBridge } from '../db/api/types';
import { DIALOG_OPEN_CHANNEL, DIALOG_SAVE_CHANNEL, ORPC_PORT_CHANNEL, REPORT_SAVE_CHANNEL, VERSION_ARGUMENT } from './channels';

/*
 * The preload runs sandboxed: it may only require('electron'), and is bundled to one CJS file.
 * It exposes one named object (window.api) and forwards the page's MessagePort to main, where the
 * oRPC router answers on it. There is no generic invoke: the page reaches main only through the
 * contract's procedures on the port, the two dialog channels and saving a report (main computes
 * it; the page sends only the format and the filters).
 */

// With contextIsolation the page cannot reach ipcRenderer, so it posts its port to its own
// window; only messages from this window (not an iframe) that carry a port are forwarded.
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || event.data !== ELECTRON_PORT_MESSAGE) return;
  const [port] = event.ports;
  if (!port) return;
  ipcRenderer.postMessage(ORPC_PORT_CHANNEL, null, [port]);
});

const pathOrNull = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

const version = process.argv.find((arg) => arg.startsWith(VERSION_ARGUMENT))?.slice(VERSION_ARGUMENT.length) ?? '';

const bridge = {
  host: 'electron',
  version,
  dialogs: {
    openFile: async (options) => pathOrNull(await ipcRenderer.invoke(DIALOG_OPEN_CHANNEL, options)),
    saveFile: async (options) => pathOrNull(await ipcRenderer.invoke(DIALOG_SAVE_CHANNEL, options)),
    openFolder: async (options) => pathOrNull(await ipcRenderer.invoke(DIALOG_OPEN_CHANNEL, { ...options, directory: true })),
  },
  reports: {
    save: async (request) => (await ipcRenderer.invoke(REPORT_SAVE_CHANNEL, request)) as ReportSaveResult,
  },
} satisfies UptakeBridge;

contextBridge.exposeInMainWorld('api', bridge);
