import { type } from '@orpc/contract';
import { z } from 'zod';
import { INITIATIVE_STATUSES, type Initiative } from '../../initiatives/model';
import { changeManagers, everyone, id, isoDate, noInput, oneOf, optionalText, query, recordOperations, text } from '../kit';

export const StatusSchema = oneOf('status', INITIATIVE_STATUSES);

/** A triad role: a member of the workspace, or a named person who is not one; null clears it. */
export const PersonInput = z
  .union([z.strictObject({ memberId: id }), z.strictObject({ name: text('name', 120) })], {
    error: 'a person is {"memberId": "…"} or {"name": "…"}',
  })
  .nullable();

const initiativeFields = {
  description: optionalText('Description', 4000),
  goLive: isoDate.nullable().optional(),
  modelVersions: z
    .array(text('Model version', 120), { error: 'modelVersions must be a list of text' })
    .max(50, 'at most 50 model versions')
    .optional(),
  businessSponsor: PersonInput.optional(),
  productOwner: PersonInput.optional(),
  technicalLead: PersonInput.optional(),
};
export const InitiativeCreateInput = z.strictObject({
  name: text('Initiative name', 120),
  status: StatusSchema.optional().default('pilot'),
  ...initiativeFields,
});
export const InitiativeUpdateInput = z.strictObject({
  id,
  name: text('Initiative name', 120).optional(),
  status: StatusSchema.optional(),
  ...initiativeFields,
});
export type InitiativeCreate = z.input<typeof InitiativeCreateInput>;

const ops = recordOperations<Initiative>(['initiatives', 'history']);
export const initiatives = {
  list: ops.list('AI initiatives, with missing triad roles flagged'),
  get: ops.get('One initiative'),
  byTeam: query('The initiatives each team (with its sub-teams) has data or shadow processes for, by team id', everyone)
    .input(noInput)
    .output(type<Record<string, string[]>>()),
  create: ops.change('Add an AI initiative', changeManagers, InitiativeCreateInput),
  update: ops.change('Change an initiative', changeManagers, InitiativeUpdateInput),
  delete: ops.byId('Delete an initiative (a tombstone: restore undoes it)', changeManagers),
  restore: ops.byId('Undo the deletion of an initiative', changeManagers),
};
