import { createAction, deleteAction, listActions, updateAction } from '../../stakeholder-sessions/actions';
import { teamScope } from '../../stakeholders/scope';
import { actionInScope } from '../../stakeholders/visibility';
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
    return actions.filter((a) => actionInScope(ctx.engine, scope, ctx.actor?.id ?? null, a));
  },
  create: (ctx, input) => createAction(ctx, input),
  update: (ctx, input) => updateAction(ctx, input),
  delete: (ctx, input) => deleteAction(ctx, input.id),
} satisfies AreaHandlers<'stakeholderActions'>;
