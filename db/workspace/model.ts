/** The workspace, history, export and check: shapes every layer shares (pure; the renderer sees them). */
import type { Member } from '../members/model';

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
