import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  ADKAR_ELEMENTS,
  CONCERN_KINDS,
  CONCERN_STATUSES,
  type GapTeam,
  RATING_MAX,
  RATING_MIN,
  type Stakeholder,
  type StakeholderConcern,
  type StakeholderCsv,
  type StakeholderScope,
  type StakeholderTimelineEntry,
  SUPPORT_LEVELS,
  type TeamView,
} from '../../stakeholders/model';
import {
  AsOfInput,
  ById,
  changeManagers,
  everyone,
  id,
  noInput,
  oneOf,
  optionalText,
  query,
  recordOperations,
  text,
  updateInput,
} from '../kit';

/** A 1–5 rating, with a message naming the field; sessions re-rate with it too. */
export const rating = (field: string) =>
  z
    .number({ error: `${field} must be a whole number from ${RATING_MIN} to ${RATING_MAX}` })
    .int(`${field} must be a whole number from ${RATING_MIN} to ${RATING_MAX}`)
    .min(RATING_MIN, `${field} must be from ${RATING_MIN} to ${RATING_MAX}`)
    .max(RATING_MAX, `${field} must be from ${RATING_MIN} to ${RATING_MAX}`);

const stakeholderFields = {
  name: text('Name', 160),
  title: optionalText('Title', 160),
  teamId: id,
  email: z
    .string({ error: 'Email must be text' })
    .trim()
    .max(200, 'Email is longer than 200 characters')
    .refine((s) => s === '' || /^[^\s@]+@[^\s@]+$/.test(s), 'Email must look like name@example.com, or be left empty')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
  influence: rating('influence'),
  interest: rating('interest'),
  support: oneOf('support', SUPPORT_LEVELS),
  ...(Object.fromEntries(ADKAR_ELEMENTS.map((e) => [e, rating(e).nullable().optional()])) as Record<
    (typeof ADKAR_ELEMENTS)[number],
    z.ZodOptional<z.ZodNullable<ReturnType<typeof rating>>>
  >),
  ownerMemberId: id.nullable().optional(),
  tags: z.array(text('Tag', 60), { error: 'tags must be a list of text' }).max(30, 'at most 30 tags').optional(),
  notes: optionalText('Notes', 4000),
  // Custom field values by field id; the engine checks each against its field's type (db/stakeholders/fields.ts).
  fields: z.record(id, z.union([z.string(), z.number(), z.null()]), { error: 'fields must map field ids to values' }).optional(),
};
export const StakeholderCreateInput = z.strictObject(stakeholderFields);
export const StakeholderUpdateInput = updateInput(stakeholderFields);

const concernFields = {
  kind: oneOf('kind', CONCERN_KINDS),
  label: optionalText('Label', 120),
  status: oneOf('status', CONCERN_STATUSES).optional(),
  note: optionalText('Note', 2000),
};
export const ConcernCreateInput = z.strictObject({ stakeholderId: id, ...concernFields });
export const ConcernUpdateInput = updateInput(concernFields);

const ops = recordOperations<Stakeholder>(['stakeholders', 'history']);
const concernOps = recordOperations<StakeholderConcern>(['stakeholders', 'history']);
/*
 * Champions read the stakeholders of the teams they champion (the handlers filter every read by
 * db/stakeholders/scope.ts). Re-rating and deleting stay with change managers.
 */
export const stakeholders = {
  list: ops.list('The stakeholder register (a champion: the people of the teams they champion)'),
  scope: query('Whose stakeholders the acting member sees: everyone, or the teams they champion', everyone)
    .input(noInput)
    .output(type<StakeholderScope>()),
  get: ops.get('One stakeholder'),
  timeline: query("A stakeholder's dated rating and concern changes", everyone).input(ById).output(type<StakeholderTimelineEntry[]>()),
  create: ops.change('Add a stakeholder to the register', changeManagers, StakeholderCreateInput),
  update: ops.change('Change or re-rate a stakeholder', changeManagers, StakeholderUpdateInput),
  delete: ops.byId('Remove a stakeholder from the register', changeManagers),
  restore: ops.byId('Bring back a removed stakeholder', changeManagers),
  concerns: query("A stakeholder's concerns", everyone)
    .input(z.strictObject({ stakeholderId: id }))
    .output(type<StakeholderConcern[]>()),
  addConcern: concernOps.change('Record a concern a stakeholder raised', changeManagers, ConcernCreateInput),
  updateConcern: concernOps.change("Change a concern's status or note", changeManagers, ConcernUpdateInput),
  deleteConcern: concernOps.byId('Remove a concern recorded by mistake', changeManagers),
  teams: query('Per team: support mix, ADKAR heatmap and open concerns; concerns raised per month', everyone)
    .input(AsOfInput)
    .output(type<TeamView>()),
  exportCsv: query('The stakeholder register as CSV (spreadsheet-safe)', everyone).input(noInput).output(type<StakeholderCsv>()),
  gapContacts: query('Who to talk to about the gap: the people of teams with an adoption-gap or override alert', everyone)
    .input(AsOfInput)
    .output(type<GapTeam[]>()),
};
