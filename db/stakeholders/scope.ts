import { listChampions, listPrograms } from '../champions/champions';
import { forbidden } from '../errors';
import type { Actor } from '../members/model';
import type { Engine } from '../open';
import type { StakeholderSession } from '../stakeholder-sessions/model';
import { listTeams, teamWithDescendants } from '../teams/teams';
import type { StakeholderScope } from './model';

/** The team ids whose stakeholders a member may see; null for all of them. */
export type TeamScope = ReadonlySet<string> | null;
type Who = Pick<Actor, 'id' | 'role'> | null;

/**
 * The teams a champion champions: their entries in live programs that have not left (a paused
 * champion still looks after their team). A champion's team includes its sub-teams, as everywhere
 * a team is chosen.
 */
function championedTeams(engine: Engine, memberId: string): string[] {
  const live = new Set(listPrograms(engine).map((p) => p.id));
  return [
    ...new Set(
      listChampions(engine)
        .filter((c) => c.memberId === memberId && c.status !== 'left' && live.has(c.programId))
        .map((c) => c.teamId),
    ),
  ];
}

/** Champions see the stakeholders of their own teams; change managers and sponsors see everyone. */
export function teamScope(engine: Engine, who: Who): TeamScope {
  if (who?.role !== 'champion') return null;
  return new Set(championedTeams(engine, who.id).flatMap((t) => teamWithDescendants(engine, t)));
}

export const inScope = (scope: TeamScope, teamId: string): boolean => scope === null || scope.has(teamId);

export function describeScope(engine: Engine, who: Who): StakeholderScope {
  if (who?.role !== 'champion') return { limited: false, teams: [] };
  const mine = new Set(championedTeams(engine, who.id));
  return {
    limited: true,
    teams: listTeams(engine)
      .filter((t) => mine.has(t.id))
      .map((t) => ({ id: t.id, name: t.name })),
  };
}

export const OUT_OF_SCOPE =
  'Champions see the stakeholders of the teams they champion, and this one is in another team. A change manager can look them up, or name you a champion of that team on the Champions screen.';

/** Refuses a stakeholder of a team outside the scope. */
export function checkInScope(scope: TeamScope, teamId: string): void {
  if (!inScope(scope, teamId)) throw forbidden(OUT_OF_SCOPE);
}

/**
 * The sessions a member with this scope sees: those they ran and those with an attendee in their
 * teams, each listing only the attendees in their teams (the others are not theirs to see).
 */
export function scopeSessions(
  scope: TeamScope,
  memberId: string | null,
  sessions: StakeholderSession[],
  teamOf: ReadonlyMap<string, string>,
): StakeholderSession[] {
  if (scope === null) return sessions;
  const mine = (stakeholderId: string) => scope.has(teamOf.get(stakeholderId) ?? '');
  return sessions
    .filter((s) => s.facilitatorMemberId === memberId || s.attendees.some((a) => mine(a.stakeholderId)))
    .map((s) => ({ ...s, attendees: s.attendees.filter((a) => mine(a.stakeholderId)) }));
}

/** Every stakeholder's team, removed ones included (a session or action may name them). */
export function teamsOfStakeholders(engine: Engine): Map<string, string> {
  const rows = engine.sqlite.prepare('SELECT id, team_id AS teamId FROM stakeholders').all() as { id: string; teamId: string }[];
  return new Map(rows.map((r) => [r.id, r.teamId]));
}
