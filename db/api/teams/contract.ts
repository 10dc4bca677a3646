import { type } from '@orpc/contract';
import { z } from 'zod';
import type { Team } from '../../teams/model';
import { ById, changeManagers, count, everyone, id, ListInput, mutation, optionalText, query, text } from '../kit';

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

export const teams = {
  list: query('Teams in hierarchy order', everyone).input(ListInput).output(type<Team[]>()),
  get: query('One team', everyone).input(ById).output(type<Team>()),
  create: mutation('Add a team', changeManagers, ['teams', 'history']).input(TeamCreateInput).output(type<Team>()),
  update: mutation('Change a team', changeManagers, ['teams', 'history']).input(TeamUpdateInput).output(type<Team>()),
  delete: mutation('Delete a team (a tombstone: restore undoes it)', changeManagers, ['teams', 'history']).input(ById).output(type<Team>()),
  restore: mutation('Undo the deletion of a team', changeManagers, ['teams', 'history']).input(ById).output(type<Team>()),
};
