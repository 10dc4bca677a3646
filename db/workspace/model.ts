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
  /** The source system's address of a recommendation, `{id}` standing for its id; null when not set. */
  recommendationLink: string | null;
}

/** Longest recommendation link pattern accepted. */
export const RECOMMENDATION_LINK_MAX = 500;
export const RECOMMENDATION_LINK_EXAMPLE = 'https://claims.example/rec/{id}';

/** What is wrong with a recommendation link pattern, or null when it is fine. */
export function recommendationLinkProblem(pattern: string): string | null {
  const example = `e.g. ${RECOMMENDATION_LINK_EXAMPLE}`;
  if (pattern.length > RECOMMENDATION_LINK_MAX) return `is too long: at most ${RECOMMENDATION_LINK_MAX} characters.`;
  if (!pattern.includes('{id}')) return `must contain {id} where the recommendation id goes, ${example}.`;
  let url: URL;
  try {
    url = new URL(pattern.replaceAll('{id}', 'id'));
  } catch {
    return `is not a web address: start it with https:// (or http://), ${example}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must start with https:// or http://, ${example}.`;
  return null;
}

/** The link to one recommendation in the source system; null without a (valid) pattern. */
export function recommendationUrl(pattern: string | null | undefined, id: string): string | null {
  if (!pattern || recommendationLinkProblem(pattern) !== null) return null;
  return pattern.replaceAll('{id}', encodeURIComponent(id));
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
