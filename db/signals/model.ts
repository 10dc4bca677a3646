/** Signal imports: kinds, decision actions and the shapes of their results (pure; the renderer sees them). */
export const IMPORT_KINDS = ['usage', 'decisions', 'pulse', 'shadow-processes', 'people', 'stakeholders'] as const;
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
  /** The mapping the file was read with (a preset's id or a saved mapping's name), when it was not in Uptake's own format. */
  mapping?: string;
  /**
   * A per-user file (the Copilot usage report): the people it lists that the directory does not
   * have on the month's last day, so they are counted in no team. The first 100, and how many in all.
   */
  notInDirectory?: { users: string[]; count: number };
  /** A per-user file: the month its activity was counted for. */
  month?: string;
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
  /** With alreadyImported, for a file read through a mapping: the mapping (the rows it gave were the same, not its bytes). */
  mapping?: string;
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
 * An import reads its file twice: once to check every row (nothing written), then to write it
 * ('writing'), or, in a dry run, to count what it would change in a transaction that is rolled
 * back ('counting': nothing is written). `rows` counts the rows the current pass has read.
 */
export type ImportPass = 'checking' | 'writing' | 'counting';
export interface ImportProgress {
  phase: ImportPass | 'done' | 'failed' | 'unknown';
  rows: number;
}

/**
 * How a file in another system's format becomes one of Uptake's: the target kind, which source
 * column feeds each of the kind's columns (or a constant), the source's action words, how its
 * dates are written and in which time zone, and the header it was made for. Presets (presets/*.json)
 * and saved mappings share this shape; db/signals/mappings.ts validates it.
 */
export interface ImportMapping {
  /** A preset's id (its file name without .json); saved mappings have none. */
  id?: string;
  name: string;
  description?: string;
  kind: ImportKind;
  /** The header row of the file it was made for: a file matches when it has no other column. */
  header: string[];
  /** Target column → source column. */
  columns: Record<string, string>;
  /** Target column → the same value for every row (e.g. the initiative of a tool's own log). */
  constants?: Record<string, string>;
  /** Decisions: a source action word (any case) → Uptake's action. */
  actions?: Record<string, DecisionAction>;
  /** How the source writes timestamps and dates: "iso" or a date-fns pattern, read in an IANA time zone. */
  dates?: { format: string; timeZone: string };
  /**
   * Usage from a per-user activity report: one row per licensed user with their last activity
   * date; the people directory gives each user's team. `apps`: app label → its last-activity column.
   */
  perUser?: { apps?: Record<string, string> };
}

/** A saved mapping or a preset, as listed. */
export interface MappingInfo {
  /** A preset's id (its file in presets/, what --mapping and `mappings show` take); null for a saved mapping. */
  id: string | null;
  /** The mapping's name: a preset's title, a saved mapping's name (which finds it). */
  name: string;
  kind: ImportKind;
  source: 'preset' | 'saved';
  description: string | null;
  header: string[];
}

/** What the import screen shows for a file whose header is not Uptake's own. */
export interface MappingProposal {
  header: string[];
  /** The header is Uptake's own format of the kind: no mapping needed. */
  own: boolean;
  /** A saved mapping or preset the file's header fits: it is used without asking. */
  matched: ImportMapping | null;
  /** A proposal by column names (when nothing matched). */
  proposed: ImportMapping;
  /** The proposal's target columns in order, whether each may stay unmapped, and whether it holds timestamps or dates (dateTarget). */
  targets: { column: string; optional: boolean; date?: 'timestamp' | 'date' }[];
  /** Distinct values of the column proposed for the action (decisions), up to 50. */
  actionValues: string[];
  /** The first rows of the file as they are (up to 10). */
  rows: string[][];
}
