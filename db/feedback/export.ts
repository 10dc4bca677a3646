import type { Engine } from '../open';
import { toCsv } from '../reports/csv';
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
  const ext = f.format;
  const mimeType = f.format === 'csv' ? 'text/csv' : 'application/json';
  if (f.what === 'patterns') {
    const patterns = listPatterns(engine);
    const content =
      f.format === 'json'
        ? `${JSON.stringify(
            patterns.map(({ deleted: _, ...p }) => p),
            null,
            2,
          )}\n`
        : toCsv(
            PATTERN_COLUMNS,
            patterns.map((p) => [p.id, p.name, p.category, p.description, p.status, p.count, p.teams.join('; '), p.firstSeen, p.lastSeen]),
          );
    return { fileName: `uptake-patterns-${stamp}.${ext}`, mimeType, content, count: patterns.length };
  }
  const show = f.show ?? 'all';
  const items = listFeedback(engine).filter(
    (x) =>
      (!f.initiativeId || x.initiativeId === f.initiativeId) &&
      (!f.teamId || x.teamId === f.teamId) &&
      (show === 'all' || (show === 'done') === isDone(x.status)),
  );
  const content =
    f.format === 'json'
      ? `${JSON.stringify(
          items.map(({ deleted: _, ...x }) => x),
          null,
          2,
        )}\n`
      : toCsv(
          FEEDBACK_COLUMNS,
          items.map((x) => [
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
          ]),
        );
  return { fileName: `uptake-feedback-${stamp}.${ext}`, mimeType, content, count: items.length };
}
