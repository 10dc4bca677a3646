import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  CADENCE_MAX_DAYS,
  CADENCE_MIN_DAYS,
  type ContactCadence,
  type RelationshipHealth,
  SENTIMENTS,
  SESSION_KINDS,
  type StakeholderSession,
} from '../../stakeholder-sessions/model';
import { ADKAR_ELEMENTS, CONCERN_KINDS, QUADRANTS, SUPPORT_LEVELS } from '../../stakeholders/model';
import {
  AsOfInput,
  championsAndManagers,
  changeManagers,
  everyone,
  id,
  isoDate,
  mutation,
  noInput,
  oneOf,
  optionalText,
  query,
  recordOperations,
  updateInput,
} from '../kit';
import { ActionFieldsInput } from '../stakeholder-actions/contract';
import { rating } from '../stakeholders/contract';

/** Local date and time as a person enters it: YYYY-MM-DDTHH:MM. */
export const sessionAt = z
  .string({ error: 'at must be a date and time' })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'at is a date and time as YYYY-MM-DDTHH:MM, e.g. 2026-03-04T09:30')
  .refine((s) => isoDate.safeParse(s.slice(0, 10)).success, 'at is not a real date');

const Attendee = z.strictObject({
  stakeholderId: id,
  sentiment: oneOf('sentiment', SENTIMENTS).nullable().optional(),
  support: oneOf('support', SUPPORT_LEVELS).optional(),
  ...(Object.fromEntries(ADKAR_ELEMENTS.map((e) => [e, rating(e).optional()])) as Record<
    (typeof ADKAR_ELEMENTS)[number],
    z.ZodOptional<ReturnType<typeof rating>>
  >),
});

const sessionFields = {
  at: sessionAt,
  kind: oneOf('kind', SESSION_KINDS),
  initiativeId: id.nullable().optional(),
  facilitatorMemberId: id,
  notes: optionalText('Notes', 8000),
  decisions: optionalText('Decisions', 4000),
  attendees: z.array(Attendee).min(1, 'Add at least one attendee').max(200, 'at most 200 attendees'),
  raise: z
    .array(
      z.strictObject({
        stakeholderId: id,
        kind: oneOf('kind', CONCERN_KINDS),
        label: optionalText('Label', 120),
        note: optionalText('Note', 2000),
      }),
    )
    .max(50)
    .optional(),
  address: z
    .array(z.strictObject({ concernId: id, status: z.enum(['being addressed', 'resolved']) }))
    .max(50)
    .optional(),
  actions: z
    .array(ActionFieldsInput.omit({ sessionId: true, status: true }))
    .max(50)
    .optional(),
};
export const SessionCreateInput = z.strictObject(sessionFields);
export const SessionUpdateInput = updateInput(sessionFields);

const days = (q: string) =>
  z
    .number({ error: `${q}: days between contacts, a whole number` })
    .int(`${q}: a whole number of days`)
    .min(CADENCE_MIN_DAYS, `${q}: at least ${CADENCE_MIN_DAYS} day`)
    .max(CADENCE_MAX_DAYS, `${q}: at most ${CADENCE_MAX_DAYS} days`);
export const CadenceInput = z.strictObject(
  Object.fromEntries(QUADRANTS.map((q) => [q, days(q)])) as Record<(typeof QUADRANTS)[number], ReturnType<typeof days>>,
);

const ops = recordOperations<StakeholderSession>(['stakeholderSessions', 'stakeholderActions', 'stakeholders', 'history']);
/*
 * Champions log the sessions they ran (the facilitator is themselves) and change those, without
 * re-rating anyone (db/stakeholder-sessions refuses it); deleting stays with change managers.
 */
export const stakeholderSessions = {
  list: ops.list('The session log, newest first'),
  get: ops.get('One session'),
  create: ops.change('Log a session with stakeholders', championsAndManagers, SessionCreateInput),
  update: ops.change('Change a logged session', championsAndManagers, SessionUpdateInput),
  delete: ops.byId('Remove a session logged by mistake', changeManagers),
  restore: ops.byId('Bring back a removed session', changeManagers),
  health: query("Every stakeholder's last contact and cadence as of a day", everyone).input(AsOfInput).output(type<RelationshipHealth[]>()),
  needsAttention: query('Stakeholders overdue for contact as of a day, most overdue first', everyone)
    .input(AsOfInput)
    .output(type<RelationshipHealth[]>()),
  cadence: query('Days between contacts per quadrant', everyone).input(noInput).output(type<ContactCadence>()),
  setCadence: mutation('Set the days between contacts per quadrant', changeManagers, ['stakeholderSessions', 'history'])
    .input(CadenceInput)
    .output(type<ContactCadence>()),
};
