import {
  createChampion,
  createProgram,
  deleteActivity,
  deleteChampion,
  listActivities,
  listChampions,
  listPrograms,
  logActivity,
  programCoverage,
  updateChampion,
  updateProgram,
} from '../../champions/champions';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const championsHandlers = {
  ...recordHandlers({ list: listChampions, create: createChampion, update: updateChampion, remove: deleteChampion }),
  programs: (ctx, input) => listPrograms(ctx.engine, input.includeDeleted),
  createProgram: (ctx, input) => createProgram(ctx, input),
  updateProgram: (ctx, input) => updateProgram(ctx, input),
  activities: (ctx, input) => listActivities(ctx.engine, input.programId),
  logActivity: (ctx, input) => logActivity(ctx, input),
  deleteActivity: (ctx, input) => deleteActivity(ctx, input.id),
  coverage: (ctx, input) => programCoverage(ctx.engine, input.programId, input.asOf),
} satisfies AreaHandlers<'champions'>;
