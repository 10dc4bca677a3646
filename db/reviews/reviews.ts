import { badInput, UserError } from '../errors';
import { checkPattern } from '../feedback/feedback';
import { listInitiatives } from '../initiatives/initiatives';
import type { Engine } from '../open';
import { inTransaction, recordKit, type Session } from '../records';
import { keyValues } from '../signals/keys';
import { listTeams, teamWithDescendants } from '../teams/teams';
import { newId, write } from '../write';
import type { Review, ReviewItem, ReviewReason, ReviewSession, ReviewSessionItem, ReviewVerdict } from './model';

export interface ReviewQueueInput {
  initiative?: string | null | undefined;
  team?: string | null | undefined;
  limit: number;
}

/**
 * Overridden decisions not yet reviewed: a deterministic sample spread over initiatives and
 * teams (the newest overrides of each (initiative, team) in turn, so one busy team does not fill
 * the queue).
 */
function resolveFilters(engine: Engine, input: Omit<ReviewQueueInput, 'limit'>) {
  const teams = listTeams(engine);
  const initiatives = listInitiatives(engine);
  const match = <T extends { id: string; name: string }>(list: T[], wanted: string | null | undefined) =>
    wanted ? list.find((x) => x.id === wanted || x.name.toLocaleLowerCase() === wanted.trim().toLocaleLowerCase()) : undefined;
  const team = match(teams, input.team);
  const initiative = match(initiatives, input.initiative);
  if (input.team && !team) throw badInput(`team: no team named "${input.team}".`);
  if (input.initiative && !initiative) throw badInput(`initiative: no initiative named "${input.initiative}".`);
  return { teams, initiatives, team, initiative };
}

export function reviewQueue(engine: Engine, input: ReviewQueueInput): ReviewItem[] {
  const { teams, initiatives, team, initiative } = resolveFilters(engine, input);
  const teamKeys = keyValues(engine, 'team');
  const initiativeKeys = keyValues(engine, 'initiative');
  const userKeys = keyValues(engine, 'user');
  const teamIds = team ? new Set(teamWithDescendants(engine, team.id)) : null;
  const reviewed = new Set(
    (
      engine.sqlite
        .prepare('SELECT initiative_id, recommendation_id, user_hash FROM override_reviews WHERE deleted = 0')
        .raw()
        .all() as string[][]
    ).map((r) => r.join('\u0001')),
  );
  const rows = engine.sqlite
    .prepare(
      `SELECT initiative, team, recommendation_id, user, ts, reason, recommended, final FROM (
         SELECT d.*, row_number() OVER (PARTITION BY initiative, team ORDER BY ts DESC) AS n FROM decisions d WHERE action = 2
       ) WHERE n <= ? ORDER BY n, initiative, team`,
    )
    .raw()
    .all(input.limit * 4) as [number, number, string, number, number, string | null, string | null, string | null][];
  const out: ReviewItem[] = [];
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const initiativeNames = new Map(initiatives.map((i) => [i.id, i.name]));
  for (const [ik, tk, rec, uk, ts, reason, recommended, final] of rows) {
    const initiativeId = initiativeKeys.get(ik);
    const teamId = teamKeys.get(tk);
    const userHash = userKeys.get(uk);
    if (!initiativeId || !teamId || !userHash) continue;
    if (initiative && initiative.id !== initiativeId) continue;
    if (teamIds && !teamIds.has(teamId)) continue;
    if (reviewed.has([initiativeId, rec, userHash].join('\u0001'))) continue;
    out.push({
      initiativeId,
      initiative: initiativeNames.get(initiativeId) ?? '',
      teamId,
      team: teamNames.get(teamId) ?? '',
      recommendationId: rec,
      userHash,
      timestamp: new Date(ts).toISOString(),
      reason,
      recommended,
      final,
    });
    if (out.length >= input.limit) break;
  }
  return out;
}

export interface ReviewFields {
  initiativeId: string;
  recommendationId: string;
  userHash: string;
  verdict: ReviewVerdict;
  reasonCode: ReviewReason;
  note?: string | null | undefined;
  /** The failure pattern an appropriate override is an instance of. */
  patternId?: string | null | undefined;
}

const reviews = recordKit<Review>({
  table: 'override_reviews',
  label: 'review',
  find: (engine, id) => {
    const r = engine.sqlite
      .prepare(
        'SELECT id, initiative_id, recommendation_id, user_hash, verdict, reason_code, note, deleted, pattern_id FROM override_reviews WHERE id = ?',
      )
      .raw()
      .get(id) as [string, string, string, string, ReviewVerdict, ReviewReason, string | null, number, string | null] | undefined;
    return r
      ? {
          id: r[0],
          initiativeId: r[1],
          recommendationId: r[2],
          userHash: r[3],
          verdict: r[4],
          reasonCode: r[5],
          note: r[6],
          deleted: r[7] === 1,
          patternId: r[8],
        }
      : undefined;
  },
});

/** The live verdict on one overridden decision, if any. */
function liveReviewOf(engine: Engine, key: Pick<ReviewFields, 'initiativeId' | 'recommendationId' | 'userHash'>): string | undefined {
  return engine.sqlite
    .prepare('SELECT id FROM override_reviews WHERE initiative_id = ? AND recommendation_id = ? AND user_hash = ? AND deleted = 0')
    .pluck()
    .get(key.initiativeId, key.recommendationId, key.userHash) as string | undefined;
}

export function createReview(s: Session, input: ReviewFields): { id: string } {
  return inTransaction(s.engine, () => {
    // One verdict per override: a second would be counted twice in override appropriateness.
    if (liveReviewOf(s.engine, input)) {
      throw new UserError(
        'CONFLICT',
        `${input.recommendationId} already has a verdict. Change it (reviews.update) or undo it (reviews.delete) instead.`,
      );
    }
    checkPatternLink(s.engine, input.verdict, input.patternId);
    const id = newId();
    write(
      s.engine,
      s.authorId,
      'override_reviews',
      id,
      { ...input, note: input.note ?? null, patternId: input.patternId ?? null },
      'create',
    );
    return { id };
  });
}

export interface ReviewChange {
  verdict?: ReviewVerdict | undefined;
  reasonCode?: ReviewReason | undefined;
  note?: string | null | undefined;
  patternId?: string | null | undefined;
}

/** Only an override that was right (the AI was wrong) is an instance of a failure pattern. */
function checkPatternLink(engine: Engine, verdict: ReviewVerdict, patternId: string | null | undefined) {
  if (!patternId) return;
  if (verdict !== 'appropriate')
    throw badInput('patternId: only an override judged appropriate (the AI was wrong) can be linked to a failure pattern.');
  checkPattern(engine, patternId);
}

/** Changes a verdict, its reason, note or pattern; the change log keeps what it was (history). */
export function updateReview(s: Session, id: string, change: ReviewChange): Review {
  return reviews.update(s, id, (current) => {
    const verdict = change.verdict ?? current.verdict;
    const patternId = change.patternId !== undefined ? change.patternId : current.patternId;
    checkPatternLink(s.engine, verdict, change.patternId);
    const fields: Record<string, unknown> = {};
    if (change.patternId !== undefined) fields.patternId = change.patternId;
    // An override found inappropriate is no longer an instance of the pattern.
    else if (verdict !== 'appropriate' && patternId) fields.patternId = null;
    if (change.verdict !== undefined) fields.verdict = change.verdict;
    if (change.reasonCode !== undefined) fields.reasonCode = change.reasonCode;
    if (change.note !== undefined) fields.note = change.note === '' ? null : change.note;
    return fields;
  });
}

/** Undoes a verdict: a tombstone, so the history still shows it; the override is waiting again. */
export const deleteReview = (s: Session, id: string): Review =>
  // The check makes an undone verdict NOT_FOUND (remove looks the record up only for a check).
  reviews.remove(s, id, () => {});

/* ---------- the reviewer's sample (local to this device) ---------- */

export interface ReviewStartInput {
  initiative?: string | null | undefined;
  team?: string | null | undefined;
  limit: number;
}

function requireMember(s: Session): string {
  if (!s.authorId) throw badInput('Choose a profile first: a review sample belongs to the member who draws it.');
  return s.authorId;
}

/** Draws a new sample for the acting member, replacing the one they had (finished or not). */
export function startReviewSession(s: Session, input: ReviewStartInput): ReviewSession {
  const member = requireMember(s);
  const { team, initiative } = resolveFilters(s.engine, input);
  return inTransaction(s.engine, () => {
    const items = reviewQueue(s.engine, input);
    s.engine.sqlite.prepare('DELETE FROM review_session_items WHERE member_id = ?').run(member);
    s.engine.sqlite
      .prepare('INSERT OR REPLACE INTO review_sessions (member_id, filters, started_at) VALUES (?, ?, ?)')
      .run(member, JSON.stringify({ initiative: initiative?.id ?? null, team: team?.id ?? null }), new Date().toISOString());
    const add = s.engine.sqlite.prepare('INSERT INTO review_session_items (member_id, position, item) VALUES (?, ?, ?)');
    ordered(items).forEach((item, position) => {
      add.run(member, position, JSON.stringify(item));
    });
    return currentReviewSession(s) as ReviewSession;
  });
}

/**
 * The acting member's sample, with each override's live verdict: the progress is the verdicts
 * (shared), so a verdict given elsewhere, changed or undone shows here too. Null before the first.
 */
export function currentReviewSession(s: Session): ReviewSession | null {
  if (!s.authorId) return null;
  const row = s.engine.sqlite.prepare('SELECT filters, started_at FROM review_sessions WHERE member_id = ?').raw().get(s.authorId) as
    | [string, string]
    | undefined;
  if (!row) return null;
  const filters = JSON.parse(row[0]) as { initiative: string | null; team: string | null };
  const stored = s.engine.sqlite
    .prepare('SELECT item FROM review_session_items WHERE member_id = ? ORDER BY position')
    .pluck()
    .all(s.authorId) as string[];
  const verdicts = new Map(
    (
      s.engine.sqlite
        .prepare(
          'SELECT initiative_id, recommendation_id, user_hash, id, verdict, reason_code, note, pattern_id FROM override_reviews WHERE deleted = 0',
        )
        .raw()
        .all() as [string, string, string, string, ReviewVerdict, ReviewReason, string | null, string | null][]
    ).map((r) => [[r[0], r[1], r[2]].join('\u0001'), { id: r[3], verdict: r[4], reasonCode: r[5], note: r[6], patternId: r[7] }]),
  );
  const items: ReviewSessionItem[] = stored.map((json) => {
    // Samples drawn before the recommended/final columns existed lack them.
    const drawn = JSON.parse(json) as ReviewItem;
    const item: ReviewItem = { ...drawn, recommended: drawn.recommended ?? null, final: drawn.final ?? null };
    return { ...item, review: verdicts.get([item.initiativeId, item.recommendationId, item.userHash].join('\u0001')) ?? null };
  });
  return {
    startedAt: row[1],
    initiative: filters.initiative,
    team: filters.team,
    items,
    reviewed: items.filter((i) => i.review !== null).length,
  };
}

/** Grouped by initiative and team, newest first within each, so the sample reads by slice. */
function ordered(items: ReviewItem[]): ReviewItem[] {
  return [...items].sort(
    (a, b) => a.initiative.localeCompare(b.initiative) || a.team.localeCompare(b.team) || b.timestamp.localeCompare(a.timestamp),
  );
}
