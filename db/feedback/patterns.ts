import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { badInput } from '../errors';
import { listInitiatives } from '../initiatives/initiatives';
import type { Engine } from '../open';
import { byName, findRow, inTransaction, namesById, type RecordKit, recordKit, type Session, tableRows } from '../records';
import type { ReviewReason } from '../reviews/model';
import { failurePatterns, feedback } from '../schema';
import { listShadowProcesses } from '../shadow-processes/shadow-processes';
import { listTeams } from '../teams/teams';
import { write } from '../write';
import { getFeedback, listFeedback } from './feedback';
import {
  type FailurePattern,
  type Feedback,
  type FeedbackCategory,
  type PatternMonth,
  type PatternOverride,
  type PatternShadowProcess,
  type PatternStatus,
  perMonth,
} from './model';
import { checkMayNamePatterns, checkMayTriage } from './triagers';

interface Linked {
  teamId: string;
  reportedAt: string;
}

/** The live feedback linked to each pattern (to those with `ids` only, when given): what a pattern's teams, dates and count are made of. */
function linkedByPattern(engine: Engine, ids: string[] | null): Map<string, Linked[]> {
  const rows = engine.orm
    .select({ patternId: feedback.patternId, teamId: feedback.teamId, reportedAt: feedback.reportedAt })
    .from(feedback)
    .where(and(ids ? inArray(feedback.patternId, ids) : isNotNull(feedback.patternId), eq(feedback.deleted, false)))
    .all();
  const by = new Map<string, Linked[]>();
  for (const r of rows) if (r.patternId) by.set(r.patternId, [...(by.get(r.patternId) ?? []), r]);
  return by;
}

/** Pattern rows as records, with `linked`, the live feedback linked to them. */
function toPatterns(engine: Engine, rows: (typeof failurePatterns.$inferSelect)[], linked: Map<string, Linked[]>): FailurePattern[] {
  const teams = new Map(listTeams(engine, true).map((t) => [t.id, t]));
  const sorted = (names: Iterable<string>) => [...new Set(names)].sort((a, b) => a.localeCompare(b));
  return rows.map(({ lastHlc: _, ...p }) => {
    const items = linked.get(p.id) ?? [];
    const dates = items.map((i) => i.reportedAt).sort();
    const teamNames = sorted(items.map((i) => teams.get(i.teamId)?.name ?? 'A removed team'));
    const regions = sorted(items.flatMap((i) => teams.get(i.teamId)?.region?.trim() || []));
    return { ...p, count: items.length, teams: teamNames, regions, firstSeen: dates[0] ?? null, lastSeen: dates.at(-1) ?? null };
  });
}

export function listPatterns(engine: Engine, includeDeleted = false): FailurePattern[] {
  return toPatterns(engine, tableRows(engine, failurePatterns, includeDeleted), linkedByPattern(engine, null)).sort(
    (a, b) => b.count - a.count || byName(a, b),
  );
}

const records: RecordKit<FailurePattern> = recordKit({
  table: 'failure_patterns',
  label: 'failure pattern',
  find: findRow(failurePatterns, (engine, rows) => {
    const ids = rows.map((r) => r.id);
    return toPatterns(engine, rows, linkedByPattern(engine, ids));
  }),
});
export const getPattern = records.get;

export interface PatternFields {
  name: string;
  category: FeedbackCategory;
  description?: string | null | undefined;
  status?: PatternStatus | undefined;
}

function checkName(engine: Engine, name: string, except?: string) {
  const taken = listPatterns(engine).find((p) => p.id !== except && p.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (taken)
    throw badInput(`name: there is already a pattern called "${taken.name}". Group the items into it instead, or pick another name.`);
}

/** Links (or, with null, unlinks) feedback items to a pattern, all or none. */
export function groupFeedback(s: Session, input: { ids: string[]; patternId: string | null }): Feedback[] {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw badInput('ids: pick at least one feedback item.');
  return inTransaction(s.engine, () => {
    if (input.patternId) records.live(s.engine, input.patternId);
    const items = ids.map((id) => getFeedback(s.engine, id));
    checkMayTriage(
      s,
      items.map((f) => f.initiativeId),
    );
    const gone = items.filter((f) => f.deleted).map((f) => f.id);
    if (gone.length > 0) {
      const more = gone.length > 100 ? ` …and ${gone.length - 100} more` : '';
      throw badInput(`Nothing was grouped: these feedback items were deleted: ${gone.slice(0, 100).join(', ')}${more}.`);
    }
    for (const f of items)
      if (f.patternId !== input.patternId) write(s.engine, s.authorId, 'feedback', f.id, { patternId: input.patternId }, 'update');
    return ids.map((id) => getFeedback(s.engine, id));
  });
}

/** A new pattern, with the feedback items it groups (optional) linked to it in the same transaction. */
export function createPattern(s: Session, input: PatternFields & { feedbackIds?: string[] | undefined }): FailurePattern {
  const { feedbackIds, ...fields } = input;
  return inTransaction(s.engine, () => {
    const created = records.create(s, () => {
      checkMayNamePatterns(s);
      checkName(s.engine, fields.name);
      return { ...fields, name: fields.name.trim(), description: fields.description ?? null, status: fields.status ?? 'open' };
    });
    if (feedbackIds && feedbackIds.length > 0) groupFeedback(s, { ids: feedbackIds, patternId: created.id });
    return records.get(s.engine, created.id);
  });
}

export function updatePattern(s: Session, { id, ...patch }: Partial<PatternFields> & { id: string }): FailurePattern {
  return records.update(s, id, () => {
    checkMayNamePatterns(s);
    if (patch.name !== undefined) checkName(s.engine, patch.name, id);
    return patch.name === undefined ? patch : { ...patch, name: patch.name.trim() };
  });
}

/** Deleting a pattern keeps its items' links, so restoring it brings its grouping back. */
export const deletePattern = (s: Session, id: string): FailurePattern => records.remove(s, id, () => checkMayNamePatterns(s));
export function restorePattern(s: Session, id: string): FailurePattern {
  checkMayNamePatterns(s);
  return records.restore(s, id);
}

export interface PatternDetail {
  pattern: FailurePattern;
  months: PatternMonth[];
  items: Feedback[];
  overrides: PatternOverride[];
  shadowProcesses: PatternShadowProcess[];
}

/**
 * The overrides judged appropriate that are instances of a pattern: linked on the review, or
 * (with no link of their own) whose recommendation became a feedback item of the pattern, the
 * item's case reference being the recommendation id in the same initiative (what the review
 * queue's "Log as feedback" writes).
 */
function patternOverrides(engine: Engine, id: string, items: readonly Feedback[]): PatternOverride[] {
  const cases = new Set(items.filter((f) => f.caseRef).map((f) => `${f.initiativeId}\u0001${f.caseRef}`));
  const initiatives = namesById(engine, listInitiatives);
  const rows = engine.sqlite
    .prepare<
      [],
      {
        id: string;
        initiative_id: string;
        recommendation_id: string;
        reason_code: ReviewReason;
        note: string | null;
        pattern_id: string | null;
      }
    >(
      "SELECT id, initiative_id, recommendation_id, reason_code, note, pattern_id FROM override_reviews WHERE deleted = 0 AND verdict = 'appropriate'",
    )
    .all();
  return rows
    .flatMap((r): PatternOverride[] => {
      const via =
        r.pattern_id === id ? 'review' : !r.pattern_id && cases.has(`${r.initiative_id}\u0001${r.recommendation_id}`) ? 'feedback' : null;
      if (!via) return [];
      const { id: reviewId, initiative_id: initiativeId, recommendation_id: recommendationId, reason_code: reasonCode, note } = r;
      return [{ reviewId, initiativeId, initiative: initiatives.get(initiativeId) ?? null, recommendationId, reasonCode, note, via }];
    })
    .sort((a, b) => a.recommendationId.localeCompare(b.recommendationId));
}

/** A pattern's page: the pattern, its feedback per month and its items (newest first), its overrides and shadow processes. */
export function patternDetail(engine: Engine, id: string): PatternDetail {
  const pattern = records.get(engine, id);
  const items = listFeedback(engine).filter((f) => f.patternId === id);
  const shadowProcesses = listShadowProcesses(engine, true)
    .filter((p) => p.patternId === id)
    .sort((a, b) => Number(a.deleted) - Number(b.deleted))
    .map((p) => ({
      id: p.id,
      name: p.name,
      team: p.team,
      usersInvolved: p.usersInvolved,
      retiredOn: p.retiredOn,
      byText: p.patternByText,
      deleted: p.deleted,
    }));
  return {
    pattern,
    months: perMonth(items.map((f) => f.reportedAt)),
    items,
    overrides: patternOverrides(engine, id, items),
    shadowProcesses,
  };
}
