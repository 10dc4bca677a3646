import { useState } from 'react';
import type { HistoryFormat } from '../history/format';
import type { HistoryTarget } from '../history/target';

/** Which record's history the drawer shows, and the screen's way of reading it. */
export interface RecordHistory {
  format: HistoryFormat;
  target: HistoryTarget | null;
  open: (record: HistoryTarget) => void;
  close: () => void;
}

export function useRecordHistory(format: HistoryFormat): RecordHistory {
  const [target, setTarget] = useState<HistoryTarget | null>(null);
  return { format, target, open: ({ id, name }) => setTarget({ id, name }), close: () => setTarget(null) };
}
