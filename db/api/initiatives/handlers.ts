import {
  createInitiative,
  deleteInitiative,
  getInitiative,
  initiativesByTeam,
  listInitiatives,
  restoreInitiative,
  updateInitiative,
} from '../../initiatives/initiatives';
import type { AreaHandlers } from '../handlers';

export const initiativesHandlers = {
  list: (ctx, input) => listInitiatives(ctx.engine, input.includeDeleted),
  get: (ctx, input) => getInitiative(ctx.engine, input.id),
  byTeam: (ctx) => initiativesByTeam(ctx.engine),
  create: (ctx, input) => createInitiative(ctx, input),
  update: (ctx, input) => updateInitiative(ctx, input),
  delete: (ctx, input) => deleteInitiative(ctx, input.id),
  restore: (ctx, input) => restoreInitiative(ctx, input.id),
} satisfies AreaHandlers<'initiatives'>;
