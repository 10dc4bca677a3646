import type { Engine } from '../open';
import type { StakeholderAction } from '../stakeholder-sessions/model';
import type { SyncedTableName } from '../synced';
import { inScope, type TeamScope } from './scope';

/*
 * What of the stakeholder work a member with a team scope (a champion) may see, one record at a
 * time: the rule the lists apply, for the operations that take a record's id (the history drawer).
 * Removed records count like live ones: their history is still someone's history.
 */

/** The synced tables of the stakeholder work, which a champion sees only for the teams they champion. */
export const SCOPED_TABLES = [
  'stakeholders',
  'stakeholder_concerns',
  'stakeholder_field_values',
  'stakeholder_sessions',
  'session_attendees',
  'stakeholder_actions',
  'plan_touchpoints',
] as const satisfies readonly SyncedTableName[];
type ScopedTable = (typeof SCOPED_TABLES)[number];

export const isScopedTable = (table: string): table is ScopedTable => (SCOPED_TABLES as readonly string[]).includes(table);

const one = <T>(engine: Engine, sql: string, id: string) => engine.sqlite.prepare(sql).get(id) as T | undefined;

function stakeholderInScope(engine: Engine, scope: TeamScope, stakeholderId: string | null): boolean {
  if (stakeholderId === null) return false;
  const row = one<{ team: string }>(engine, 'SELECT team_id AS team FROM stakeholders WHERE id = ?', stakeholderId);
  return row !== undefined && inScope(scope, row.team);
}

/** A session is seen by the member who ran it and by those who see one of its attendees. */
function sessionInScope(engine: Engine, scope: TeamScope, memberId: string | null, sessionId: string | null): boolean {
  if (sessionId === null) return false;
  const session = one<{ facilitator: string }>(
    engine,
    'SELECT facilitator_member_id AS facilitator FROM stakeholder_sessions WHERE id = ?',
    sessionId,
  );
  if (!session) return false;
  if (memberId !== null && session.facilitator === memberId) return true;
  const teams = engine.sqlite
    .prepare('SELECT s.team_id AS team FROM session_attendees a JOIN stakeholders s ON s.id = a.stakeholder_id WHERE a.session_id = ?')
    .all(sessionId) as { team: string }[];
  return teams.some((t) => inScope(scope, t.team));
}

/** An action is seen by its owner, and by those who see the person it is about or the session it came from. */
export function actionInScope(
  engine: Engine,
  scope: TeamScope,
  memberId: string | null,
  action: Pick<StakeholderAction, 'ownerMemberId' | 'stakeholderId' | 'sessionId'>,
): boolean {
  return (
    scope === null ||
    (memberId !== null && action.ownerMemberId === memberId) ||
    stakeholderInScope(engine, scope, action.stakeholderId) ||
    sessionInScope(engine, scope, memberId, action.sessionId)
  );
}

/** Whether a member with this scope may see the record `id` of a stakeholder table. */
export function recordInScope(engine: Engine, scope: TeamScope, memberId: string | null, table: ScopedTable, id: string): boolean {
  if (scope === null) return true;
  switch (table) {
    case 'stakeholders':
      return stakeholderInScope(engine, scope, id);
    case 'stakeholder_concerns':
    case 'stakeholder_field_values':
    case 'session_attendees': {
      const row = one<{ person: string }>(engine, `SELECT stakeholder_id AS person FROM ${table} WHERE id = ?`, id);
      return row !== undefined && stakeholderInScope(engine, scope, row.person);
    }
    case 'stakeholder_sessions':
      return sessionInScope(engine, scope, memberId, id);
    case 'stakeholder_actions': {
      const row = one<{ ownerMemberId: string; stakeholderId: string | null; sessionId: string | null }>(
        engine,
        'SELECT owner_member_id AS ownerMemberId, stakeholder_id AS stakeholderId, session_id AS sessionId FROM stakeholder_actions WHERE id = ?',
        id,
      );
      return row !== undefined && actionInScope(engine, scope, memberId, row);
    }
    case 'plan_touchpoints': {
      const row = one<{ owner: string; team: string | null }>(
        engine,
        'SELECT owner_member_id AS owner, team_id AS team FROM plan_touchpoints WHERE id = ?',
        id,
      );
      return row !== undefined && (row.owner === memberId || (row.team !== null && inScope(scope, row.team)));
    }
  }
}
