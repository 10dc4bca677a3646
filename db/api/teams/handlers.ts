import { createTeam, deleteTeam, getTeam, listTeams, restoreTeam, updateTeam } from '../../teams/teams';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const teamsHandlers = {
  ...recordHandlers({ list: listTeams, create: createTeam, update: updateTeam, remove: deleteTeam }),
  get: (ctx, input) => getTeam(ctx.engine, input.id),
  restore: (ctx, input) => restoreTeam(ctx, input.id),
} satisfies AreaHandlers<'teams'>;
