import { z } from 'zod';
import type { Team } from '../../teams/model';
import { changeManagers, count, id, optionalText, recordOperations, text } from '../kit';

const headcount = count('headcount').max(10_000_000, 'headcount is implausibly large').nullable().optional();
const teamFields = {
  parentId: id.nullable().optional(),
  region: optionalText('Region', 120),
  businessUnit: optionalText('Business unit', 120),
  headcount,
};
export const TeamCreateInput = z.strictObject({ name: text('Team name', 120), ...teamFields });
export const TeamUpdateInput = z.strictObject({ id, name: text('Team name', 120).optional(), ...teamFields });
export type TeamCreate = z.input<typeof TeamCreateInput>;

const ops = recordOperations<Team>(['teams', 'history']);
export const teams = {
  list: ops.list('Teams in hierarchy order'),
  get: ops.get('One team'),
  create: ops.change('Add a team', changeManagers, TeamCreateInput),
  update: ops.change('Change a team', changeManagers, TeamUpdateInput),
  delete: ops.byId('Delete a team (a tombstone: restore undoes it)', changeManagers),
  restore: ops.byId('Undo the deletion of a team', changeManagers),
};
