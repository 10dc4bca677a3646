/** Shapes of the signals and report operations (plain types; the renderer may import them). */
export type ImportKind = 'usage' | 'decisions' | 'pulse' | 'shadow-processes';

export interface ImportSummary {
  kind: ImportKind;
  file: string;
  sha256: string;
  batchId: string | null;
  dryRun: boolean;
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  created: { teams: string[]; initiatives: string[] };
}

export interface ImportBatch {
  id: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  counts: { rows?: number; new?: number; changed?: number; unchanged?: number };
  importedAt: string;
  importedBy: string | null;
}

export interface MetricSettings {
  weights: { reliance: number; trust: number; shadowFree: number };
  thresholds: {
    highOverrideRate: number;
    lowOverrideRate: number;
    minDecisions: number;
    adoptionGap: number;
    shadowShare: number;
    habitualMinDecisions: number;
    habitualOverrideRate: number;
    championCoverage: number;
  };
}

export interface Components {
  activation: number | null;
  completion: number | null;
  reliance: number | null;
  trust: number | null;
  shadowFree: number | null;
}

export interface Counts {
  licensedUsers: number;
  activeUsers: number;
  workflowsStarted: number;
  workflowsCompleted: number;
  accepted: number;
  edited: number;
  overridden: number;
  ignored: number;
  respondents: number;
  trustWeighted: number;
  manualBackup: number;
  pulseRows: number;
  registerUsers: number;
  registerActiveUsers: number;
  registerProcesses: number;
  reviewed: number;
  appropriate: number;
}

export interface Alert {
  code: string;
  message: string;
}

export interface SeriesPoint {
  month: string;
  formal: number | null;
  real: number | null;
  gap: number | null;
  overrideRate: number | null;
}

export interface ReportRow {
  initiative: string | null;
  team: string | null;
  formal: number | null;
  real: number | null;
  gap: number | null;
  components: Components;
  overrideRate: number | null;
  ignoreRate: number | null;
  decisions: number;
  habitualOverriders: number;
  overrideAppropriateness: number | null;
  shadowShare: number | null;
  shadowSource: 'pulse' | 'register' | null;
  alerts: Alert[];
  series: SeriesPoint[];
  counts: Counts;
  initiativeId: string | null;
  teamId: string | null;
}

export interface Report {
  workspace: string;
  generatedAt: string;
  slice: { initiative: string | null; team: string | null; from: string | null; to: string | null };
  weights: MetricSettings['weights'];
  thresholds: MetricSettings['thresholds'];
  overall: ReportRow;
  rows: ReportRow[];
}

export interface ShadowProcess {
  id: string;
  name: string;
  teamId: string;
  team: string | null;
  initiativeId: string | null;
  initiative: string | null;
  kind: 'spreadsheet' | 'manual double-check' | 'paper' | 'legacy system' | 'other';
  owner: string | null;
  usersInvolved: number;
  reason: string | null;
  failurePattern: string | null;
  firstSeen: string;
  retiredOn: string | null;
  deleted: boolean;
}

/** An overridden decision waiting for review. The user is shown only as a short hash. */
export interface ReviewItem {
  initiativeId: string;
  initiative: string;
  teamId: string;
  team: string;
  recommendationId: string;
  userHash: string;
  timestamp: string;
  reason: string | null;
}

/** Where a figure's inputs come from, for the report's drill-down. */
export type SourceKind = 'usage' | 'pulse' | 'decisions' | 'shadow';

/** A page of the stored rows that fed a slice's figures, as a plain table. */
export interface SourceRows {
  source: SourceKind;
  /** Rows in the slice (all pages). */
  total: number;
  offset: number;
  columns: { key: string; label: string; numeric: boolean }[];
  rows: (string | number | null)[][];
}

/** How far an import in progress has got (polled by the app while it runs). */
export interface ImportProgress {
  phase: 'reading' | 'done' | 'failed' | 'unknown';
  rows: number;
}
