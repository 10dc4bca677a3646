import { createTeam, deleteTeam, getTeam, listTeams, restoreTeam, updateTeam } from '../../teams/teams';
import type { AreaHandlers } from '../handlers';

export const teamsHandlers = {
  list: (ctx, input) => listTeams(ctx.engine, input.includeDeleted),
  get: (ctx, input) => getTeam(ctx.engine, input.id),
  create: (ctx, input) => createTeam(ctx, input),
  update: (ctx, input) => updateTeam(ctx, input),
  delete: (ctx, input) => deleteTeam(ctx, input.id),
  restore: (ctx, input) => restoreTeam(ctx, input.id),
} satisfies AreaHandlers<'teams'>;
