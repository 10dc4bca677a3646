/**
 * The shapes the API returns. Plain types only: the renderer imports them (and the contract),
 * never anything that touches the database.
 */
export const ROLES = ['change_manager', 'champion', 'sponsor'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  change_manager: 'Change manager',
  champion: 'Champion',
  sponsor: 'Sponsor',
};

export const INITIATIVE_STATUSES = ['pilot', 'rolling_out', 'live', 'paused', 'retired'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
export const INITIATIVE_STATUS_LABELS: Record<InitiativeStatus, string> = {
  pilot: 'Pilot',
  rolling_out: 'Rolling out',
  live: 'Live',
  paused: 'Paused',
  retired: 'Retired',
};

export const TRIAD_ROLES = ['businessSponsor', 'productOwner', 'technicalLead'] as const;
export type TriadRole = (typeof TRIAD_ROLES)[number];
export const TRIAD_LABELS: Record<TriadRole, string> = {
  businessSponsor: 'Business sponsor',
  productOwner: 'AI product owner',
  technicalLead: 'Technical lead',
};

export interface Member {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  deleted: boolean;
  /** This member can be acted as on this device (CLI `--as`, the profile switcher). */
  hasProfileHere: boolean;
}

export interface Team {
  id: string;
  name: string;
  parentId: string | null;
  region: string | null;
  businessUnit: string | null;
  headcount: number | null;
  deleted: boolean;
  /** 0 for a top-level team. */
  depth: number;
  /** Names from the top-level team down to this one. */
  path: string[];
  subTeamCount: number;
}

/** A triad role is filled by a member of the workspace or by a named person outside it. */
export interface PersonRef {
  memberId: string | null;
  name: string;
}

export interface Initiative {
  id: string;
  name: string;
  description: string | null;
  status: InitiativeStatus;
  goLive: string | null;
  modelVersions: string[];
  businessSponsor: PersonRef | null;
  productOwner: PersonRef | null;
  technicalLead: PersonRef | null;
  /** Triad roles nobody fills: the initiative is flagged wherever it is listed. */
  missingRoles: TriadRole[];
  deleted: boolean;
}

export interface WorkspaceInfo {
  workspace: { id: string; name: string } | null;
  /** The member this device acts as (null before a workspace exists). */
  me: Member | null;
  /** Members with a profile on this device. */
  profiles: Member[];
  deviceId: string;
  databaseFile: string;
  schemaVersion: number;
  /** Operations the acting member may call: the UI shows only what is allowed. */
  allowed: string[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  hlc: string;
  at: string;
  deviceId: string;
  author: { id: string; name: string } | null;
  /** True for the entry that created the record. */
  created: boolean;
  changes: FieldChange[];
}

export interface ExportData {
  format: 'uptake-export';
  version: 1;
  schemaVersion: number;
  tables: Record<string, Record<string, unknown>[]>;
}

export interface CheckResult {
  ok: boolean;
  file: string;
  integrity: string;
  schemaVersion: number;
  migrations: { tag: string; appliedAt: string }[];
  changeLog: { records: number; rowsChecked: number; mismatches: string[] };
}

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
}
export type ReportSaveResult = { status: 'saved'; path: string } | { status: 'cancelled' } | { status: 'failed'; message: string };
