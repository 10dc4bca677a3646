import { forbidden } from '../../errors';
import { contactCadence, needsAttention, relationshipHealth, saveContactCadence } from '../../stakeholder-sessions/health';
import type { StakeholderSession } from '../../stakeholder-sessions/model';
import {
  createSession,
  deleteSession,
  getSession,
  listSessions,
  restoreSession,
  updateSession,
} from '../../stakeholder-sessions/stakeholder-sessions';
import { OUT_OF_SCOPE, scopeSessions, teamScope, teamsOfStakeholders } from '../../stakeholders/scope';
import type { Ctx } from '../context';
import { type AreaHandlers, recordHandlers } from '../handlers';

/** The sessions a champion sees: those they ran and those with people of the teams they champion. */
function visible(ctx: Ctx, sessions: StakeholderSession[]): StakeholderSession[] {
  const scope = teamScope(ctx.engine, ctx.actor);
  return scope === null ? sessions : scopeSessions(scope, ctx.actor?.id ?? null, sessions, teamsOfStakeholders(ctx.engine));
}

export const stakeholderSessionsHandlers = {
  ...recordHandlers({ list: listSessions, create: createSession, update: updateSession, remove: deleteSession }),
  list: (ctx, input) => visible(ctx, listSessions(ctx.engine, input.includeDeleted)),
  get: (ctx, input) => {
    const [session] = visible(ctx, [getSession(ctx.engine, input.id)]);
    if (!session) throw forbidden(OUT_OF_SCOPE.replace('this one is in another team', 'no one at this session is in them'));
    return session;
  },
  restore: (ctx, input) => restoreSession(ctx, input.id),
  health: (ctx, input) => relationshipHealth(ctx.engine, input.today, teamScope(ctx.engine, ctx.actor)),
  needsAttention: (ctx, input) => needsAttention(ctx.engine, input.today, teamScope(ctx.engine, ctx.actor)),
  cadence: (ctx) => contactCadence(ctx.engine),
  setCadence: (ctx, input) => saveContactCadence(ctx, input),
} satisfies AreaHandlers<'stakeholderSessions'>;
