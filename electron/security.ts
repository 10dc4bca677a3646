import { app, protocol, type Session, shell, type WebContents, type WebFrameMain } from 'electron';
import { APP_SCHEME } from './channels';
import { isAppUrl, isExternalWebUrl } from './origin';
import { rendererResponse } from './renderer-files';

/*
 * Electron's security checklist, applied in one place: the renderer is served from a custom
 * privileged scheme (never file://) with a strict CSP; navigation, new windows, <webview>,
 * permissions, downloads and network requests are refused; IPC senders are checked by origin.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */

function warn(message: string): void {
  console.warn(`[uptake security] ${message}`);
}

/** Must run before `ready`: app:// behaves like https (standard, secure origin, fetch allowed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves dist/renderer over app://uptake, and nothing outside it. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const { status, headers, body } = await rendererResponse(rendererDir, request.method, request.url);
    return new Response(body, { status, headers });
  });
}

/** A frame may talk to main only if it is a top-level frame showing the app's own page. */
export function isTrustedFrame(frame: WebFrameMain | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * The app needs no permission (camera, notifications, geolocation, HID, …), no downloads and no
 * network: it is offline-first, and the engine reads and writes files from main, not the page.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    warn(`refused a request for the "${permission}" permission`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    warn(`refused a download of ${item.getURL()}`);
    event.preventDefault();
  });
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] }, (details, callback) => {
    warn(`refused a network request to ${details.url}`);
    callback({ cancel: true });
  });
}

function guardContents(contents: WebContents): void {
  const refuseNavigation = (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return;
    warn(`refused navigation to ${event.url}`);
    event.preventDefault();
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-frame-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => {
    warn('refused to attach a <webview>');
    event.preventDefault();
  });
  // Links meant for the web open in the system browser; the app itself never opens a window.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      shell.openExternal(url).catch((e: unknown) => warn(`could not open ${url} in the browser: ${String(e)}`));
    } else {
      warn(`refused to open a window for ${url}`);
    }
    return { action: 'deny' };
  });
}

/** Must run before any window exists: guards every webContents the app ever creates. */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}
