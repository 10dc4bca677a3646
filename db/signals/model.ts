/** Signal imports: kinds, decision actions and the shapes of their results (pure; the renderer sees them). */
export const IMPORT_KINDS = ['usage', 'decisions', 'pulse', 'shadow-processes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A decision's action, in the order of the integer codes stored in `decisions.action`. */
export const DECISION_ACTIONS = ['accepted', 'edited', 'overridden', 'ignored'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

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
  /** A dry run of a file imported before (same kind, same SHA-256): that import. */
  alreadyImported?: ImportBatch | null;
}

/** One problem of a file, at a row (the CSV row number, header = 1) or of the whole file (row null). */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  value: string | null;
  /** What was expected there (the host words the rest). */
  message: string;
}

/** A team or initiative name a file uses that the workspace does not have (or has twice). */
export interface UnknownName {
  kind: 'team' | 'initiative';
  name: string;
  /** The first rows it is in, and how many in all. */
  rows: number[];
  count: number;
  /** An existing name close to it (case, spaces, accents, a letter or two), if exactly one is closest. */
  suggestion: string | null;
  /** The name matches more than one team: renaming one of them is the fix, not creating. */
  ambiguous: boolean;
}

/**
 * The data of a refused import's error (alongside its message): every problem found in the one
 * pass, capped at the first 100 (problemCount and nameCount say how many in all), and, when the
 * same file was imported before, that import.
 */
export interface ImportErrorData {
  file: string;
  problems: ImportProblem[];
  problemCount: number;
  names: UnknownName[];
  nameCount: number;
  alreadyImported?: ImportBatch;
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

/** How far an import in progress has got (polled by the app while it runs). */
/**
 * An import reads its file twice: once to check every row (nothing written), then to write it.
 * `rows` counts the rows the current pass has read.
 */
export type ImportPass = 'checking' | 'writing';
export interface ImportProgress {
  phase: ImportPass | 'done' | 'failed' | 'unknown';
  rows: number;
}
