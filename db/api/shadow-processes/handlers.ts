import {
  createShadowProcess,
  deleteShadowProcess,
  listShadowProcesses,
  updateShadowProcess,
} from '../../shadow-processes/shadow-processes';
import type { AreaHandlers } from '../handlers';

export const shadowProcessesHandlers = {
  list: (ctx, input) => listShadowProcesses(ctx.engine, input.includeDeleted),
  create: (ctx, input) => createShadowProcess(ctx, input),
  update: (ctx, input) => updateShadowProcess(ctx, input),
  delete: (ctx, input) => deleteShadowProcess(ctx, input.id),
} satisfies AreaHandlers<'shadowProcesses'>;
