import {
  createTouchpoint,
  deleteTouchpoint,
  deliverTouchpoint,
  listPlan,
  restoreTouchpoint,
  updateTouchpoint,
} from '../../stakeholder-plan/stakeholder-plan';
import { teamScope } from '../../stakeholders/scope';
import type { AreaHandlers } from '../handlers';

export const stakeholderPlanHandlers = {
  list: (ctx, input) =>
    listPlan(ctx.engine, input.today, {
      includeDeleted: input.includeDeleted,
      scope: teamScope(ctx.engine, ctx.actor),
      memberId: ctx.actor?.id ?? null,
    }),
  create: (ctx, input) => createTouchpoint(ctx, input),
  update: (ctx, input) => updateTouchpoint(ctx, input),
  delete: (ctx, input) => deleteTouchpoint(ctx, input.id),
  restore: (ctx, input) => restoreTouchpoint(ctx, input.id),
  deliver: (ctx, input) => deliverTouchpoint(ctx, input),
} satisfies AreaHandlers<'stakeholderPlan'>;
