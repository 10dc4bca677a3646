import { badInput } from '../errors';
import { listInitiatives } from '../initiatives/initiatives';
import type { Engine } from '../open';
import { inTransaction, type Session } from '../records';
import { keyValues } from '../signals/keys';
import { listTeams, teamWithDescendants } from '../teams/teams';
import { newId, write } from '../write';
import type { ReviewItem, ReviewReason, ReviewVerdict } from './model';

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
export function reviewQueue(engine: Engine, input: ReviewQueueInput): ReviewItem[] {
  const teams = listTeams(engine);
  const initiatives = listInitiatives(engine);
  const teamKeys = keyValues(engine, 'team');
  const initiativeKeys = keyValues(engine, 'initiative');
  const userKeys = keyValues(engine, 'user');
  const match = <T extends { id: string; name: string }>(list: T[], wanted: string | null | undefined) =>
    wanted ? list.find((x) => x.id === wanted || x.name.toLocaleLowerCase() === wanted.trim().toLocaleLowerCase()) : undefined;
  const team = match(teams, input.team);
  const initiative = match(initiatives, input.initiative);
  if (input.team && !team) throw badInput(`team: no team named "${input.team}".`);
  if (input.initiative && !initiative) throw badInput(`initiative: no initiative named "${input.initiative}".`);
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
}

export function createReview(s: Session, input: ReviewFields): { id: string } {
  return inTransaction(s.engine, () => {
    const id = newId();
    write(s.engine, s.authorId, 'override_reviews', id, { ...input, note: input.note ?? null }, 'create');
    return { id };
  });
}
