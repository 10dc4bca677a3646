/** A record's history as the history drawer shows it (pure; the renderer sees it). */
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
