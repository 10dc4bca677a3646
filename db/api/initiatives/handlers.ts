import {
  createInitiative,
  deleteInitiative,
  getInitiative,
  initiativesByTeam,
  listInitiatives,
  restoreInitiative,
  updateInitiative,
} from '../../initiatives/initiatives';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const initiativesHandlers = {
  ...recordHandlers({ list: listInitiatives, create: createInitiative, update: updateInitiative, remove: deleteInitiative }),
  get: (ctx, input) => getInitiative(ctx.engine, input.id),
  byTeam: (ctx) => initiativesByTeam(ctx.engine),
  restore: (ctx, input) => restoreInitiative(ctx, input.id),
} satisfies AreaHandlers<'initiatives'>;
