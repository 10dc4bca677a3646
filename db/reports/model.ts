/** The report's shapes and export formats (pure; the renderer and the HTML export share them). */
import type { MetricSettings } from '../metrics/model';

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
  /** usage.csv rows summed (how much usage data a figure rests on). */
  usageRows: number;
}

/**
 * What a headline figure rests on: the components it could use (a weight of 0 leaves one out by
 * choice) and those that had data. A figure with some of them missing is partial ("1 of 3").
 */
export interface FigureBasis {
  used: (keyof Components)[];
  missing: (keyof Components)[];
}

/** A month of the slice with little data behind it (below a threshold of decisions or active users, a setting). */
export interface ThinMonth {
  month: string;
  decisions: number;
  activeUsers: number;
  usageRows: number;
  /** Why it is thin, in words ("12 decisions", "2 active users"). */
  reasons: string[];
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
  /** Little data behind this month: shown marked, never dropped. */
  thin: boolean;
}

/** The live feedback of a report row: open and confirmed items, the open confidently-wrong ones, its top patterns. */
export interface FeedbackSummary {
  /** New, triaged or in progress. */
  open: number;
  /** Confirmed wrong by triage: triaged, in progress or resolved. */
  confirmedWrong: number;
  /** Open and confidently wrong (what AUTOMATION_BIAS_RISK reads). */
  confidentlyWrongOpen: number;
  /** The patterns with most of the row's items (up to 3): most items first, then by name. */
  topPatterns: { name: string; count: number }[];
}

export interface ReportRow {
  initiative: string | null;
  team: string | null;
  formal: number | null;
  real: number | null;
  gap: number | null;
  components: Components;
  /** Which components formal and real adoption rest on; a figure with missing ones is partial. */
  basis: { formal: FigureBasis; real: FigureBasis };
  /** Months of the slice with little data behind them (they count in the figures, marked). */
  thinMonths: ThinMonth[];
  overrideRate: number | null;
  ignoreRate: number | null;
  decisions: number;
  habitualOverriders: number;
  overrideAppropriateness: number | null;
  shadowShare: number | null;
  shadowSource: 'pulse' | 'register' | null;
  alerts: Alert[];
  /** What the frontline reported about the row's initiative(s) and team(s) (docs/metrics.md, "feedback"). */
  feedback: FeedbackSummary;
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

/** Where a figure's inputs come from, for the report's drill-down. */
export const SOURCE_KINDS = ['usage', 'pulse', 'decisions', 'shadowProcesses'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A page of the stored rows that fed a slice's figures, as a plain table. */
export interface SourceRows {
  source: SourceKind;
  /** Rows in the slice (all pages). */
  total: number;
  offset: number;
  columns: { key: string; label: string; numeric: boolean }[];
  rows: (string | number | null)[][];
}

/** Text formats of the report; PDF is printed from the HTML by the host (Chromium in the CLI, Electron in the app). */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportExport {
  format: ReportFormat;
  /** A file name for a save dialog or a download: uptake-report-<workspace>[-<initiative>][-<team>]-<period>.<ext> */
  fileName: string;
  mimeType: string;
  content: string;
}

export interface PublishedFile {
  name: string;
  path: string;
  bytes: number;
}

export interface ReportPublishResult {
  /** The folder written to (absolute); remembered on this device for the next publish. */
  folder: string;
  files: PublishedFile[];
  generatedAt: string;
}

export interface ReportPublishTarget {
  /** The shared folder this device last published to, or null before the first publish. */
  folder: string | null;
}
