import type { Engine } from '../open';
import { type CsvCell, toCsv } from '../reports/csv';
import { listFeedback } from './feedback';
import { isDone } from './model';
import { listPatterns } from './patterns';

/*
 * Feedback and failure patterns for the model team, as CSV (through the one safe CSV writer,
 * db/reports/csv.ts: text that a spreadsheet would run as a formula is neutralised) or JSON,
 * filtered like the queue. Deleted records are never exported.
 */

export interface FeedbackExportFilter {
  what: 'feedback' | 'patterns';
  format: 'csv' | 'json';
  initiativeId?: string | null | undefined;
  teamId?: string | null | undefined;
  /** Feedback only: open, done or all (the default). */
  show?: 'open' | 'done' | 'all' | undefined;
}

export interface FeedbackExport {
  fileName: string;
  mimeType: string;
  content: string;
  count: number;
}

const FEEDBACK_COLUMNS = [
  'id',
  'reported_at',
  'initiative',
  'model_version',
  'team',
  'case_ref',
  'ai_said',
  'what_was_right',
  'category',
  'severity',
  'confidently_wrong',
  'stated_confidence',
  'caught',
  'reporter',
  'status',
  'assignee',
  'resolved_version',
  'duplicate_of_id',
  'pattern',
] as const;
const PATTERN_COLUMNS = ['id', 'name', 'category', 'description', 'status', 'count', 'teams', 'first_seen', 'last_seen'] as const;

export function exportFeedback(engine: Engine, f: FeedbackExportFilter): FeedbackExport {
  const stamp = new Date().toISOString().slice(0, 10);
  /** The records in the chosen format; JSON without the tombstone flag (deleted records are not listed). */
  const asFile = <T extends { deleted: boolean }>(name: string, columns: readonly string[], list: T[], row: (x: T) => CsvCell[]) => ({
    fileName: `uptake-${name}-${stamp}.${f.format}`,
    mimeType: f.format === 'csv' ? 'text/csv' : 'application/json',
    content:
      f.format === 'json'
        ? `${JSON.stringify(
            list.map(({ deleted: _, ...x }) => x),
            null,
            2,
          )}\n`
        : toCsv(columns, list.map(row)),
    count: list.length,
  });
  if (f.what === 'patterns') {
    return asFile('patterns', PATTERN_COLUMNS, listPatterns(engine), (p) => [
      p.id,
      p.name,
      p.category,
      p.description,
      p.status,
      p.count,
      p.teams.join('; '),
      p.firstSeen,
      p.lastSeen,
    ]);
  }
  const show = f.show ?? 'all';
  const items = listFeedback(engine).filter(
    (x) =>
      (!f.initiativeId || x.initiativeId === f.initiativeId) &&
      (!f.teamId || x.teamId === f.teamId) &&
      (show === 'all' || (show === 'done') === isDone(x.status)),
  );
  return asFile('feedback', FEEDBACK_COLUMNS, items, (x) => [
    x.id,
    x.reportedAt,
    x.initiative,
    x.modelVersion,
    x.team,
    x.caseRef,
    x.aiSaid,
    x.whatWasRight,
    x.category,
    x.severity,
    x.confidentlyWrong ? 'yes' : 'no',
    x.statedConfidence,
    x.caught,
    x.reporter,
    x.status,
    x.assignee,
    x.resolvedVersion,
    x.duplicateOfId,
    x.pattern,
  ]);
}
