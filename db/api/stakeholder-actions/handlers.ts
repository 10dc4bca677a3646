import { createAction, deleteAction, listActions, updateAction } from '../../stakeholder-sessions/actions';
import type { AreaHandlers } from '../handlers';

export const stakeholderActionsHandlers = {
  list: (ctx, input) => listActions(ctx.engine, input.today, input.includeDeleted),
  create: (ctx, input) => createAction(ctx, input),
  update: (ctx, input) => updateAction(ctx, input),
  delete: (ctx, input) => deleteAction(ctx, input.id),
} satisfies AreaHandlers<'stakeholderActions'>;
