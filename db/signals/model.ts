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
export interface ImportProgress {
  phase: 'reading' | 'done' | 'failed' | 'unknown';
  rows: number;
}
