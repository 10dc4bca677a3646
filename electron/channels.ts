/**
 * The only IPC channels between the preload and main. Everything else the renderer needs goes
 * through the oRPC port, where only the contract's procedures are reachable.
 */
export const ORPC_PORT_CHANNEL = 'uptake:orpc-port';
export const DIALOG_OPEN_CHANNEL = 'uptake:dialog:open';
export const DIALOG_SAVE_CHANNEL = 'uptake:dialog:save';
/** Save the report (JSON, CSV, HTML or a PDF printed in a hidden window) through a native save dialog. */
export const REPORT_SAVE_CHANNEL = 'uptake:report:save';

/** The app's own origin: the `app://` scheme serving the built renderer. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'uptake';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The preload reads the app's version from this argument (a sandboxed preload cannot ask `app`). */
export const VERSION_ARGUMENT = '--uptake-version=';
