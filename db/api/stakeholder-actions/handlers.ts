import { createAction, deleteAction, listActions, updateAction } from '../../stakeholder-sessions/actions';
import { listSessions } from '../../stakeholder-sessions/stakeholder-sessions';
import { scopeSessions, teamScope, teamsOfStakeholders } from '../../stakeholders/scope';
import type { AreaHandlers } from '../handlers';

/**
 * A champion's actions: those they own, those about the people of the teams they champion, and
 * those from the sessions they see.
 */
export const stakeholderActionsHandlers = {
  list: (ctx, input) => {
    const actions = listActions(ctx.engine, input.today, input.includeDeleted);
    const scope = teamScope(ctx.engine, ctx.actor);
    if (scope === null) return actions;
    const teamOf = teamsOfStakeholders(ctx.engine);
    const me = ctx.actor?.id ?? null;
    const sessions = new Set(scopeSessions(scope, me, listSessions(ctx.engine, true), teamOf).map((s) => s.id));
    return actions.filter(
      (a) =>
        a.ownerMemberId === me ||
        (a.stakeholderId !== null && scope.has(teamOf.get(a.stakeholderId) ?? '')) ||
        (a.sessionId !== null && sessions.has(a.sessionId)),
    );
  },
  create: (ctx, input) => createAction(ctx, input),
  update: (ctx, input) => updateAction(ctx, input),
  delete: (ctx, input) => deleteAction(ctx, input.id),
} satisfies AreaHandlers<'stakeholderActions'>;
