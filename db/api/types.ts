/**
 * The shapes the API returns, re-exported from the engine's pure model modules (one per area),
 * and the Electron bridge's types. The renderer imports this file and the contract, never
 * anything that touches the database.
 */
export * from '../champions/model';
export * from '../feedback/model';
export * from '../history/model';
export * from '../initiatives/model';
export * from '../members/model';
export * from '../metrics/model';
export * from '../reports/model';
export * from '../reviews/model';
export * from '../shadow-processes/model';
export * from '../signals/model';
export * from '../stakeholder-plan/model';
export * from '../stakeholder-sessions/model';
export * from '../stakeholders/model';
export * from '../sync/model';
export * from '../synced';
export * from '../teams/model';
export * from '../workspace/model';

/** The message the renderer posts (with a MessagePort) to ask the Electron preload for an API connection. */
export const ELECTRON_PORT_MESSAGE = 'uptake:start-orpc';

/** What the Electron preload exposes as `window.api`; absent in a plain browser (the web host). */
export interface UptakeBridge {
  host: 'electron';
  version: string;
  dialogs: {
    /** A native open dialog; resolves to the chosen path or null. */
    openFile(options: { title?: string; filters?: { name: string; extensions: string[] }[] }): Promise<string | null>;
    /** A native save dialog; resolves to the chosen path or null. */
    saveFile(options: { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }): Promise<string | null>;
    /** A native folder picker (e.g. the shared folder to publish reports into); resolves to the folder or null. */
    openFolder(options: { title?: string }): Promise<string | null>;
  };
  reports: {
    /**
     * Saves the report of a slice through a native save dialog: main computes it (the page sends
     * only the format and the filters) and writes the file; a PDF is printed from the HTML report.
     */
    save(request: ReportSaveRequest): Promise<ReportSaveResult>;
  };
}

export const REPORT_SAVE_FORMATS = ['json', 'csv', 'html', 'pdf'] as const;
export interface ReportSaveRequest {
  format: (typeof REPORT_SAVE_FORMATS)[number];
  slice: { initiative?: string | null; team?: string | null; from?: string | null; to?: string | null };
  /** The reader's locale for the HTML and PDF (Settings → Language and region). */
  locale?: string;
}
export type ReportSaveResult = { status: 'saved'; path: string } | { status: 'cancelled' } | { status: 'failed'; message: string };
