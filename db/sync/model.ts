/** Sync through a shared folder: what one sync did (pure; the renderer sees it). */
export interface SyncProblem {
  file: string;
  reason: string;
  /** The file may still be arriving: the next sync tries it again. */
  retry: boolean;
}

export interface SyncSummary {
  /** The shared folder, as a full path. */
  folder: string;
  workspace: string;
  /** This device's id (its folder on the share). */
  device: string;
  published: { files: number; changes: number };
  imported: { files: number; changes: number };
  /** Imported signal files (usage, decisions, pulse) whose rows were published or applied. */
  batches: { published: { batches: number; rows: number }; imported: { batches: number; rows: number } };
  /** The other devices seen in the folder. */
  devices: string[];
  /** Files not applied, and why (the first 100; `moreProblems` counts the rest). */
  problems: SyncProblem[];
  moreProblems: number;
  /** Files in the folder that are not Uptake's (conflicted copies, temp files, placeholders): never read. */
  ignored: string[];
  moreIgnored: number;
}
